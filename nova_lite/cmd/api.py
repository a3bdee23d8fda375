"""nova-lite-api: the compute REST API (/v2.1) on osapi_compute_listen_port."""

import sys

from nova_lite.api import wsgi_app
from nova_lite import config
from nova_lite import service


def main():
    conf = config.parse_args(sys.argv)
    app = wsgi_app.init_application(conf)
    server = service.WSGIService(conf, conf.host, 'nova-lite-api', app)
    server.start()
    server.wait_forever()
