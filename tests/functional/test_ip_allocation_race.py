"""Several processes allocating addresses on one subnet of a real MariaDB
at once never hand out an address twice: the unique constraint decides
each race and the loser takes the next free address."""

import multiprocessing
import uuid

import pymysql
import pytest

from nova_lite import context as nova_context
from nova_lite.db import api as db_api
from nova_lite.db import migration
from nova_lite.db import network_api
from nova_lite import exception

WORKERS = 4
PORTS_EACH = 15
CIDR = '10.254.230.0/26'  # hosts .1-.62; .1 is the gateway: 61 free


def _configure(url):
    db_api.context_manager.configure(connection=url)


def _allocate(url, network_id, count, start):
    _configure(url)
    start.wait()
    context = nova_context.get_admin_context()
    addresses = []
    for _ in range(count):
        port = network_api.port_create(
            context, {'network_id': network_id, 'device_id': 'race'})
        addresses.append(port['fixed_ips'][0]['ip_address'])
    return addresses


def _run_allocation(args):
    return _allocate(*args)


@pytest.fixture
def database():
    name = 'nova_lite_race_%s' % uuid.uuid4().hex[:10]
    conn = pymysql.connect(host='127.0.0.1', user='root', password='')
    with conn.cursor() as cursor:
        cursor.execute('CREATE DATABASE %s' % name)
    url = 'mysql+pymysql://root@127.0.0.1/%s' % name
    try:
        yield url
    finally:
        with conn.cursor() as cursor:
            cursor.execute('DROP DATABASE IF EXISTS %s' % name)
        conn.close()


def test_concurrent_allocations_never_share_an_address(database):
    ctx = multiprocessing.get_context('spawn')
    _configure(database)
    migration.db_sync()
    network = network_api.network_create(
        nova_context.get_admin_context(), {'name': 'race'},
        {'cidr': CIDR, 'gateway_ip': '10.254.230.1', 'ip_version': 4})
    with ctx.Manager() as manager:
        start = manager.Event()
        with ctx.Pool(WORKERS) as pool:
            result = pool.map_async(_run_allocation, [
                (database, network['uuid'], PORTS_EACH, start)] * WORKERS)
            start.set()
            allocated = [a for chunk in result.get(timeout=120)
                         for a in chunk]
    assert len(allocated) == WORKERS * PORTS_EACH == 60
    assert len(set(allocated)) == 60
    assert '10.254.230.1' not in allocated
    # One address is left; after it the subnet is full and the next port
    # is refused, not doubled.
    last = network_api.port_create(nova_context.get_admin_context(),
                                   {'network_id': network['uuid']})
    assert last['fixed_ips'][0]['ip_address'] not in allocated
    with pytest.raises(exception.NoMoreFixedIps):
        network_api.port_create(nova_context.get_admin_context(),
                                {'network_id': network['uuid']})
