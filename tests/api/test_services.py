"""/os-services (admins): the services of the deployment, their state,
and disabling or forcing down a compute service."""

import uuid

import pytest

from tests.api import clients


def _services(user, **params):
    return user.services.list_services(**params)['services']


def _compute(user, host):
    [service] = _services(user, host=host, binary='nova-lite-compute')
    return service


def test_list_shows_every_service_up(admin):
    services = {(s['binary'], s['host']): s for s in _services(admin)}
    assert set(services) >= {('nova-lite-conductor', 'controller'),
                             ('nova-lite-scheduler', 'controller'),
                             ('nova-lite-compute', 'compute1'),
                             ('nova-lite-compute', 'compute2')}
    assert all(s['state'] == 'up' for s in services.values())


def test_list_filters_by_host_and_binary(admin):
    service = _compute(admin, 'compute1')
    assert (service['zone'], service['status']) == ('nova', 'enabled')


@pytest.mark.microversion('2.11')
def test_list_shows_forced_down_from_2_11(admin):
    assert _compute(admin, 'compute1')['forced_down'] is False


@pytest.mark.microversion('2.53')
def test_list_shows_uuid_ids_from_2_53(admin):
    uuid.UUID(_compute(admin, 'compute1')['id'])


def test_disable_and_enable_by_host_and_binary_before_2_53(admin):
    try:
        disabled = admin.services.disable_log_reason(
            host='compute2', binary='nova-lite-compute',
            disabled_reason='maintenance')['service']
        assert (disabled['status'], disabled['disabled_reason']) == (
            'disabled', 'maintenance')
        assert _compute(admin, 'compute2')['status'] == 'disabled'
    finally:
        enabled = admin.services.enable_service(
            host='compute2', binary='nova-lite-compute')['service']
    assert enabled['status'] == 'enabled'


def test_disable_of_an_unknown_host_is_404(admin):
    with clients.refused(404, 'Could not find binary nova-lite-compute on '
                              'host nowhere.'):
        admin.services.disable_service(host='nowhere',
                                       binary='nova-lite-compute')


@pytest.mark.microversion('2.11')
def test_force_down_and_up_by_host_and_binary_from_2_11(admin):
    try:
        down = admin.services.update_forced_down(
            host='compute2', binary='nova-lite-compute',
            forced_down=True)['service']
        assert down['forced_down'] is True
        assert _compute(admin, 'compute2')['state'] == 'down'
    finally:
        up = admin.services.update_forced_down(
            host='compute2', binary='nova-lite-compute',
            forced_down=False)['service']
    assert up['forced_down'] is False


@pytest.mark.microversion('2.53')
def test_disable_with_a_reason_and_enable_again(admin):
    service = _compute(admin, 'compute2')
    try:
        disabled = admin.services.update_service(
            service['id'], status='disabled',
            disabled_reason='maintenance')['service']
        assert (disabled['status'], disabled['disabled_reason']) == (
            'disabled', 'maintenance')
        assert _compute(admin, 'compute2')['status'] == 'disabled'
    finally:
        enabled = admin.services.update_service(
            service['id'], status='enabled')['service']
    assert (enabled['status'], enabled['disabled_reason']) == ('enabled',
                                                               None)


@pytest.mark.microversion('2.53')
def test_enable_with_a_reason_is_400(admin):
    service = _compute(admin, 'compute2')
    with clients.refused(400, "Specifying 'disabled_reason' with status "
                              "'enabled' is invalid."):
        admin.services.update_service(service['id'], status='enabled',
                                      disabled_reason='why')


@pytest.mark.microversion('2.53')
def test_update_to_an_unknown_status_is_400_and_changes_nothing(admin):
    service = _compute(admin, 'compute2')
    with clients.refused(400) as refusal:
        admin.services.update_service(service['id'], status='asleep')
    assert 'Invalid input for field/attribute status' in refusal.message
    assert _compute(admin, 'compute2')['status'] == 'enabled'


@pytest.mark.microversion('2.53')
def test_update_of_a_scheduler_is_400(admin):
    [scheduler] = _services(admin, binary='nova-lite-scheduler')
    with clients.refused(400, 'Updating a nova-lite-scheduler service is '
                              'not supported. Only nova-lite-compute '
                              'services can be updated.'):
        admin.services.update_service(scheduler['id'], status='disabled')
    assert _services(admin, binary='nova-lite-scheduler')[0]['status'] == \
        'enabled'


@pytest.mark.microversion('2.53')
def test_update_of_an_unknown_service_is_404(admin):
    service_id = str(uuid.uuid4())
    with clients.refused(404, 'Service %s could not be found.'
                         % service_id):
        admin.services.update_service(service_id, status='disabled')


@pytest.mark.microversion('2.53')
def test_delete_of_a_compute_hosting_servers_is_409(admin, server_a):
    host = admin.servers.show_server(server_a['id'])['server'][
        'OS-EXT-SRV-ATTR:host']
    with clients.refused(409, 'Unable to delete compute service that is '
                              'hosting instances. Migrate or delete the '
                              'instances first.'):
        # tempest's client has no delete: Nova answers a bare 204.
        clients.call(admin.services, 'DELETE',
                     'os-services/%s' % _compute(admin, host)['id'],
                     {'status_code': [204]})
    assert _compute(admin, host)['state'] == 'up'


def test_member_cannot_list_services(member_a):
    with clients.refused(403, clients.policy_message(
            'os_compute_api:os-services:list')):
        _services(member_a)
