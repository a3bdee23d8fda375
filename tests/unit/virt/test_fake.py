"""The fake driver's one node is the host it was started on, so that many
fake compute services can share a process and its configuration."""

import pytest

from nova_lite import exception
from nova_lite.virt import fake
from tests.unit import fakes


@pytest.fixture
def drivers(conf):
    conf.set_override('host', 'configured-host')
    started = {}
    for host in ('h1', 'h2'):
        started[host] = fake.FakeDriver(None, conf)
        started[host].init_host(host)
    return started


def test_node_is_the_host_given_at_init_host(drivers):
    assert drivers['h1'].get_available_nodes() == ['h1']
    assert drivers['h2'].get_available_nodes() == ['h2']


def test_node_reports_its_own_name_as_hypervisor_hostname(drivers):
    node = drivers['h2'].get_available_nodes()[0]
    resources = drivers['h2'].get_available_resource(node)
    assert resources['hypervisor_hostname'] == 'h2'


def test_node_before_init_host_is_the_configured_host(conf):
    conf.set_override('host', 'configured-host')
    assert fake.FakeDriver(None, conf).get_available_nodes() == [
        'configured-host']


def test_fail_spawn_on_host_fails_only_on_that_host(drivers, user_context):
    inst = fakes.instance(user_context, fakes.flavor(), create=False,
                          display_name='fail-spawn-on-h2')
    drivers['h1'].spawn(user_context, inst, None, [], None, {})
    assert drivers['h1'].instance_exists(inst)
    with pytest.raises(exception.InstanceDeployFailure):
        drivers['h2'].spawn(user_context, inst, None, [], None, {})
    assert not drivers['h2'].instance_exists(inst)


IMAGE_ID = '155d900f-4e14-4e4c-a73d-069cbf4541e6'


def test_cache_image_downloads_once_per_host(drivers, user_context):
    assert drivers['h1'].cache_image(user_context, IMAGE_ID) is True
    assert drivers['h1'].cache_image(user_context, IMAGE_ID) is False
    assert drivers['h2'].cache_image(user_context, IMAGE_ID) is True


def test_a_build_leaves_its_image_cached(drivers, user_context):
    inst = fakes.instance(user_context, fakes.flavor(), create=False,
                          image_ref=IMAGE_ID)
    drivers['h1'].spawn(user_context, inst, None, [], None, {})
    assert drivers['h1'].cache_image(user_context, IMAGE_ID) is False
