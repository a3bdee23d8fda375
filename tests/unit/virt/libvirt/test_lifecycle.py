"""The libvirt driver's power operations on libvirt's in-memory test
driver: the domain states they leave."""

import pytest

from nova_lite.compute import power_state
from tests.unit.virt.libvirt import conftest as fx
from tests.unit.virt.libvirt.test_driver_xml import _spawn
from tests.unit.virt.libvirt.test_driver_xml import drv  # noqa: F401


@pytest.fixture
def image_meta(tmp_path):
    return fx.make_image_meta(fx.make_disk_image(tmp_path / 'img.qcow2'))


def _domain_id(drv, instance):  # noqa: F811
    return drv._host.get_guest(instance).id


def test_a_soft_reboot_the_guest_does_not_answer_becomes_a_hard_one(
        drv, conf, instance, image_meta):  # noqa: F811
    _spawn(drv, instance, image_meta)
    old_id = _domain_id(drv, instance)
    # No time for the guest to shut down: the fallback is all there is.
    conf.set_override('wait_soft_reboot_seconds', 0, group='libvirt')

    drv.reboot(None, instance, [], 'SOFT')

    assert drv.get_info(instance).state == power_state.RUNNING
    assert _domain_id(drv, instance) != old_id


def test_power_off_and_on(drv, instance, image_meta):  # noqa: F811
    _spawn(drv, instance, image_meta)

    drv.power_off(instance, timeout=5, retry_interval=1)
    assert drv.get_info(instance).state == power_state.SHUTDOWN

    drv.power_on(None, instance, [])
    assert drv.get_info(instance).state == power_state.RUNNING


def test_power_off_of_a_lost_domain_is_done(drv, instance):  # noqa: F811
    drv.power_off(instance, timeout=5, retry_interval=1)

    assert not drv.instance_exists(instance)


def test_pause_and_unpause(drv, instance, image_meta):  # noqa: F811
    _spawn(drv, instance, image_meta)

    drv.pause(instance)
    assert drv.get_info(instance).state == power_state.PAUSED

    drv.unpause(instance)
    assert drv.get_info(instance).state == power_state.RUNNING


def test_suspend_saves_the_domain_and_resume_restores_it(
        drv, instance, image_meta):  # noqa: F811
    _spawn(drv, instance, image_meta)

    drv.suspend(None, instance)
    guest = drv._host.get_guest(instance)
    assert drv.get_info(instance).state == power_state.SHUTDOWN
    assert guest.has_managed_save()

    drv.resume(None, instance, [])
    assert drv.get_info(instance).state == power_state.RUNNING
    assert not guest.has_managed_save()
