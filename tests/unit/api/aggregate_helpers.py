"""Helpers of the os-aggregates tests: the API calls, and the change
sequence the scheduler watches."""

import sqlalchemy as sa

from nova_lite.db import api as db_api

AGGREGATES = '/v2.1/os-aggregates'


def create(admin, name='agg1', zone=None):
    body = {'name': name}
    if zone is not None:
        body['availability_zone'] = zone
    return admin.post(AGGREGATES, {'aggregate': body})


def create_id(admin, name='agg1', zone=None):
    return create(admin, name, zone).json['aggregate']['id']


def url(aggregate_id, action=False):
    return '%s/%s%s' % (AGGREGATES, aggregate_id,
                        '/action' if action else '')


def action(admin, aggregate_id, name, value):
    return admin.post(url(aggregate_id, action=True), {name: value})


def add_host(admin, aggregate_id, host='cmp1'):
    return action(admin, aggregate_id, 'add_host', {'host': host})


def remove_host(admin, aggregate_id, host='cmp1'):
    return action(admin, aggregate_id, 'remove_host', {'host': host})


def set_metadata(admin, aggregate_id, metadata):
    return action(admin, aggregate_id, 'set_metadata',
                  {'metadata': metadata})


def update(admin, aggregate_id, **values):
    return admin.request('PUT', url(aggregate_id),
                         body={'aggregate': values})


def sequence():
    with db_api.get_engine().connect() as connection:
        return connection.execute(sa.text(
            "SELECT value FROM change_sequences WHERE name = 'aggregates'"
        )).scalar()
