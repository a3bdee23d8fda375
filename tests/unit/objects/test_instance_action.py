"""InstanceActionEvent's details: recorded with a failure, and left out
for a service that knows InstanceActionEvent 1.0."""

from nova_lite import objects


def test_an_event_for_version_1_0_has_no_details():
    event = objects.InstanceActionEvent(event='compute_reboot_instance',
                                        result='Error', details='boom')

    primitive = event.obj_to_primitive(target_version='1.0')

    assert 'details' not in primitive['nova_object.data']
    assert primitive['nova_object.data']['result'] == 'Error'
    assert 'details' in event.obj_to_primitive()['nova_object.data']
