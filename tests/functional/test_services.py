"""Services register and heartbeat; the compute service works with no
database configuration at all."""

import configparser
import time

from tests import deployment


def test_every_service_registers_and_is_up(cloud):
    states = cloud.service_states()
    for binary in ('nova-lite-conductor', 'nova-lite-scheduler',
                   'nova-lite-api'):
        assert states[(binary, 'controller')] == 'up'
    assert states[('nova-lite-compute', 'compute1')] == 'up'


def test_compute_configuration_has_no_database_section(cloud):
    parser = configparser.ConfigParser()
    parser.read(cloud.compute_conf_path('compute1'))
    assert not parser.has_section('database')
    assert 'Compute node record created' in cloud.log('compute1') or \
        'started on host compute1' in cloud.log('compute1')


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
