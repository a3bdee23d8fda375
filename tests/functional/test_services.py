"""Services register and heartbeat; the compute service works with no
database configuration at all."""

import configparser
import os
import time

from tests import deployment


def test_every_service_registers_and_is_up(cloud):
    states = cloud.service_states()
    for binary in ('nova-lite-conductor', 'nova-lite-scheduler',
                   'nova-lite-api'):
        assert states[(binary, 'controller')] == 'up'
    assert states[('nova-lite-compute', 'compute1')] == 'up'


def test_compute_builds_with_no_database_configured(cloud, api):
    parser = configparser.ConfigParser()
    parser.read(cloud.compute_conf_path('compute1'))
    assert not parser.has_section('database')
    resp = api.create_server('no-db', cloud.image_id)
    api.wait_for_status(resp.json()['server']['id'], {'ACTIVE'})
    # Had a compute opened its default database, an sqlite file would now
    # exist under the state_path the computes share with nobody else.
    state = os.path.join(cloud.dir, 'state')
    assert not [f for f in os.listdir(state) if f.endswith('.sqlite')]


def test_stopped_compute_is_reported_down(image_file):
    dep = deployment.Deployment(database='sqlite', computes=('lonely',))
    try:
        dep.start(image_path=image_file)
        dep.kill('lonely')
        deadline = time.time() + 30
        while time.time() < deadline:
            if dep.service_states()[('nova-lite-compute', 'lonely')] == \
                    'down':
                break
            time.sleep(0.5)
        assert dep.service_states()[('nova-lite-compute', 'lonely')] == \
            'down'
    finally:
        dep.stop()
