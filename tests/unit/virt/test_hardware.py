"""The guest vCPU topology a flavor and an image ask for."""

import pytest

from nova_lite import exception
from nova_lite.virt import hardware
from tests.unit.virt.libvirt import conftest as fx


def best(vcpus, extra_specs=None, **properties):
    flavor = fx.make_flavor(vcpus=vcpus, extra_specs=extra_specs or {})
    image_meta = fx.make_image_meta(properties=properties)
    return hardware.get_best_cpu_topology(flavor, image_meta).as_tuple()


def test_every_vcpu_is_a_socket_by_default():
    assert best(4) == (4, 1, 1)


def test_flavor_preferred_sockets():
    assert best(4, {'hw:cpu_sockets': '2'}) == (2, 2, 1)


def test_flavor_preferred_threads():
    assert best(4, {'hw:cpu_threads': '2'}) == (2, 1, 2)


def test_flavor_preferred_topology_exactly():
    assert best(8, {'hw:cpu_sockets': '1', 'hw:cpu_cores': '4',
                    'hw:cpu_threads': '2'}) == (1, 4, 2)


def test_flavor_socket_limit():
    assert best(4, {'hw:cpu_max_sockets': '1'}) == (1, 4, 1)


def test_image_preference():
    assert best(4, hw_cpu_cores='4') == (1, 4, 1)


def test_image_preference_replaces_the_flavors():
    assert best(4, {'hw:cpu_sockets': '2'}, hw_cpu_cores='4') == (1, 4, 1)


def test_image_limit_lower_than_the_flavors():
    assert best(4, {'hw:cpu_max_sockets': '4'},
                hw_cpu_max_sockets='2') == (2, 2, 1)


def test_flavor_preference_beyond_the_image_limit_is_dropped():
    assert best(4, {'hw:cpu_sockets': '4'}, hw_cpu_max_sockets='2') == \
        (2, 2, 1)


def test_image_limit_above_the_flavors_is_refused():
    with pytest.raises(exception.ImageVCPULimitsRangeExceeded) as e:
        best(4, {'hw:cpu_max_sockets': '2'}, hw_cpu_max_sockets='4')
    assert 'sockets=4' in str(e.value) and 'sockets=2' in str(e.value)


def test_image_preference_above_the_limits_is_refused():
    with pytest.raises(exception.ImageVCPUTopologyRangeExceeded):
        best(4, {'hw:cpu_max_sockets': '2'}, hw_cpu_sockets='4')


def test_limits_no_topology_can_meet():
    with pytest.raises(exception.ImageVCPULimitsRangeImpossible) as e:
        best(3, {'hw:cpu_max_sockets': '2', 'hw:cpu_max_cores': '1',
                 'hw:cpu_max_threads': '1'})
    assert str(e.value) == ('Requested vCPU limits 2:1:1 are impossible to '
                            'satisfy for vcpus count 3')


@pytest.mark.parametrize('value', ['two', '-1'])
def test_flavor_count_must_be_a_non_negative_integer(value):
    with pytest.raises(exception.InvalidRequest) as e:
        best(2, {'hw:cpu_sockets': value})
    assert 'hw:cpu_sockets' in str(e.value)


def test_image_count_must_be_an_integer():
    with pytest.raises(exception.InvalidRequest) as e:
        best(2, hw_cpu_max_cores='lots')
    assert 'hw_cpu_max_cores' in str(e.value)
