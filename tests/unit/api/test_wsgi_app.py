"""Loading the API app from its paste configuration."""

import os

import pytest

from nova_lite.api import wsgi_app
from nova_lite import exception
from tests.unit import api as api_helpers


def test_the_packaged_paste_config_is_found_by_default(conf):
    path = wsgi_app.find_paste_config(conf)

    assert path.endswith(os.path.join('etc', 'nova_lite', 'api-paste.ini'))


def test_an_absolute_paste_config_is_used_as_is(conf, tmp_path):
    paste = tmp_path / 'my-paste.ini'
    paste.write_text('')
    conf.set_override('api_paste_config', str(paste), group='api')

    assert wsgi_app.find_paste_config(conf) == str(paste)


def test_a_paste_config_next_to_the_config_file_wins(conf, tmp_path):
    (tmp_path / 'api-paste.ini').write_text('')
    config_file = tmp_path / 'nova-lite.conf'
    config_file.write_text('[DEFAULT]\n')
    conf([], project='nova-lite', default_config_files=[str(config_file)])

    assert wsgi_app.find_paste_config(conf) == str(tmp_path /
                                                   'api-paste.ini')


def test_a_missing_paste_config_is_an_error(conf):
    conf.set_override('api_paste_config', 'nowhere.ini', group='api')

    with pytest.raises(exception.NovaException):
        wsgi_app.find_paste_config(conf)


def test_init_application_returns_the_working_api(conf, fake_rpc, db):
    app = wsgi_app.init_application(conf)

    resp = api_helpers.Client(app).get('/v2.1/servers')

    assert resp.status_int == 200
