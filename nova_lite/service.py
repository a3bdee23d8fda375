"""Service: a long-running process with an RPC server, a service record,
a heartbeat and periodic tasks."""

from concurrent import futures
import signal
import threading
import time

import oslo_messaging as messaging
from oslo_log import log as logging
from oslo_utils import timeutils

from nova_lite import context as nova_context
from nova_lite import objects
from nova_lite import rpc
from nova_lite import utils

LOG = logging.getLogger(__name__)


class Service(object):
    """Runs ``manager`` as the RPC server for ``topic`` on ``host``."""

    def __init__(self, conf, host, binary, topic, manager_cls):
        self.conf = conf
        self.host = host
        self.binary = binary
        self.topic = topic
        self.manager = manager_cls(host=host, service_name=binary, conf=conf)
        self.service_ref = None
        self.rpcserver = None
        self._stop = threading.Event()

    def _register(self, ctxt):
        """Create or revive this service's row (through the conductor when
        the process has no database)."""
        service = objects.Service.get_by_host_and_binary(ctxt, self.host,
                                                         self.binary)
        if service is None:
            service = objects.Service(ctxt, host=self.host,
                                      binary=self.binary, topic=self.topic,
                                      report_count=0,
                                      last_seen_up=timeutils.utcnow(True))
            service.create()
        else:
            service.heartbeat()
        return service

    def _wait_for_conductor(self, ctxt):
        # A service without database registers through the conductor, which
        # may still be starting: wait for it as Nova's wait_until_ready.
        from nova_lite.conductor import api as conductor_api
        conductor = conductor_api.API()
        while True:
            try:
                conductor.ping(ctxt, 'ready', timeout=5)
                return
            except messaging.MessagingTimeout:
                LOG.warning('Timed out waiting for nova-lite-conductor; '
                            'is it running? Retrying.')

    def start(self):
        ctxt = nova_context.get_admin_context()
        if objects.Service.indirection_api is not None:
            self._wait_for_conductor(ctxt)
        self.service_ref = self._register(ctxt)
        self.manager.init_host(self.service_ref)
        target = messaging.Target(topic=self.topic, server=self.host)
        endpoints = [self.manager] + self.manager.additional_endpoints()
        self.rpcserver = rpc.get_server(target, endpoints)
        self.rpcserver.start()
        utils.spawn_n(self._loop, self.conf.report_interval, self._heartbeat)
        utils.spawn_n(self._loop, self.conf.periodic_interval,
                      self._periodic_tasks)
        LOG.info('%(binary)s started on host %(host)s (topic %(topic)s)',
                 {'binary': self.binary, 'host': self.host,
                  'topic': self.topic})

    def _loop(self, interval, func):
        while not self._stop.wait(interval):
            try:
                func()
            except Exception:
                LOG.exception('Error in %s', func.__name__)

    def _heartbeat(self):
        self.service_ref.heartbeat()

    def _periodic_tasks(self):
        self.manager.periodic_tasks(nova_context.get_admin_context())

    def stop(self):
        self._stop.set()
        if self.rpcserver is not None:
            self.rpcserver.stop()
            self.rpcserver.wait()
        self.manager.cleanup_host()
        LOG.info('%s stopped', self.binary)

    def wait_forever(self):
        """Block until SIGTERM/SIGINT, then stop."""
        wait_for_stop_signal()
        self.stop()


def start_services(services, concurrency):
    """Start ``services`` (of one process), ``concurrency`` at a time. If
    one fails, start no more, stop those started and raise its error."""
    started, failed = [], threading.Event()

    def start(server):
        if failed.is_set():
            return
        try:
            server.start()
        except BaseException:
            failed.set()
            raise
        started.append(server)

    pool = futures.ThreadPoolExecutor(concurrency)
    try:
        for future in [pool.submit(start, server) for server in services]:
            future.result()
    except BaseException:
        # Those still starting finish first, so that they are stopped too.
        pool.shutdown(wait=True, cancel_futures=True)
        stop_services(started)
        raise
    finally:
        pool.shutdown()


def stop_services(services):
    """Stop ``services`` all at once: each waits for its RPC server's poll
    loop to notice (seconds), so in turn a thousand would take minutes.
    An error stopping one is logged and does not keep the others
    running."""
    if not services:
        return

    def stop(server):
        try:
            server.stop()
        except Exception:
            LOG.exception('Failed to stop %(binary)s on host %(host)s',
                          {'binary': server.binary, 'host': server.host})

    with futures.ThreadPoolExecutor(len(services)) as pool:
        list(pool.map(stop, services))


def wait_for_stop_signal():
    """Block until the process gets SIGTERM or SIGINT. The handlers are
    the process's, so a process running several services calls this once
    and then stops them all."""
    done = threading.Event()

    def handler(signum, frame):
        done.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
    while not done.is_set():
        time.sleep(0.5)


class WSGIService(Service):
    """The API: an HTTP server instead of an RPC server, with a service
    record and heartbeat like the others."""

    def __init__(self, conf, host, binary, app):
        self.conf = conf
        self.host = host
        self.binary = binary
        self.topic = None
        self.app = app
        self.service_ref = None
        self._stop = threading.Event()
        self.socket = None

    def start(self):
        import eventlet
        import eventlet.wsgi

        self.service_ref = self._register(nova_context.get_admin_context())
        self.socket = eventlet.listen((self.conf.osapi_compute_listen,
                                       self.conf.osapi_compute_listen_port))
        self.port = self.socket.getsockname()[1]
        utils.spawn_n(self._loop, self.conf.report_interval, self._heartbeat)
        LOG.info('%(binary)s listening on %(addr)s:%(port)s',
                 {'binary': self.binary,
                  'addr': self.conf.osapi_compute_listen, 'port': self.port})
        utils.spawn_n(eventlet.wsgi.server, self.socket, self.app,
                      log=_WSGILog(), log_format='%(client_ip)s '
                      '"%(request_line)s" status: %(status_code)s len: '
                      '%(body_length)s time: %(wall_seconds).7f')

    def stop(self):
        self._stop.set()
        if self.socket is not None:
            self.socket.close()
        LOG.info('%s stopped', self.binary)


class _WSGILog(object):
    """eventlet.wsgi's access log, into oslo.log."""

    def write(self, message):
        LOG.info(message.rstrip('\n'))
