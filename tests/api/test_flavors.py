"""/flavors: listed and shown to everyone, created, described (2.55) and
deleted by admins; their extra specs (os-extra_specs) and, for private
flavors, the projects given access (os-flavor-access)."""

import uuid

import pytest
from tempest.lib import exceptions as lib_exc

from tests.api import clients
from tests.api import conftest


@pytest.fixture
def flavor(admin):
    """A public flavor of the test's own, with one extra spec."""
    flavor = admin.flavors.create_flavor(
        name='flavor-%s' % uuid.uuid4().hex[:8], ram=256, vcpus=1,
        disk=1)['flavor']
    admin.flavors.set_flavor_extra_spec(flavor['id'],
                                        **{'hw:cpu_policy': 'shared'})
    yield flavor
    try:
        admin.flavors.delete_flavor(flavor['id'])
    except lib_exc.NotFound:
        pass


@pytest.fixture
def private_flavor(admin):
    flavor = admin.flavors.create_flavor(
        name='private-%s' % uuid.uuid4().hex[:8], ram=256, vcpus=1, disk=1,
        **{'os-flavor-access:is_public': False})['flavor']
    yield flavor
    admin.flavors.delete_flavor(flavor['id'])


def _flavor_ids(user, **params):
    return {flavor['id']
            for flavor in user.flavors.list_flavors(**params)['flavors']}


def test_list_shows_the_default_flavors(member_a):
    assert _flavor_ids(member_a) >= {'1', '2', '3', '4', '5', '42', '84'}


def test_detail_shows_the_sizes(member_a):
    flavors = {flavor['id']: flavor for flavor in
               member_a.flavors.list_flavors(detail=True)['flavors']}
    nano = flavors[conftest.FLAVOR]
    assert (nano['name'], nano['vcpus'], nano['ram'], nano['disk']) == (
        'm1.nano', 1, 128, 1)


def test_list_filters_by_minimum_ram(member_a):
    assert _flavor_ids(member_a, minRam=4096) >= {'3', '4', '5'}
    assert not _flavor_ids(member_a, minRam=4096) & {'1', '2', '42', '84'}


def test_list_pages_with_limit_and_marker(member_a):
    first = member_a.flavors.list_flavors(limit=2)
    assert len(first['flavors']) == 2
    assert first['flavors_links'][0]['rel'] == 'next'
    marker = first['flavors'][-1]['id']
    second = member_a.flavors.list_flavors(limit=2, marker=marker)
    assert not {f['id'] for f in second['flavors']} & \
        {f['id'] for f in first['flavors']}


def test_list_with_an_unknown_marker_is_400(member_a):
    with clients.refused(400, 'marker [nope] not found'):
        member_a.flavors.list_flavors(marker='nope')


def test_show_shows_one_flavor(member_a):
    assert member_a.flavors.show_flavor('1')['flavor']['name'] == 'm1.tiny'


def test_show_of_an_unknown_flavor_is_404(member_a):
    with clients.refused(404, 'Flavor 999 could not be found.'):
        member_a.flavors.show_flavor('999')


def test_admin_creates_a_flavor(admin, member_a, flavor):
    shown = member_a.flavors.show_flavor(flavor['id'])['flavor']
    assert (shown['ram'], shown['vcpus'], shown['disk']) == (256, 1, 1)
    assert shown['os-flavor-access:is_public'] is True


def test_create_with_a_taken_name_is_409(admin, flavor):
    with clients.refused(409, 'Flavor with name %s already exists.'
                         % flavor['name']):
        admin.flavors.create_flavor(name=flavor['name'], ram=64, vcpus=1,
                                    disk=1)


def test_create_with_a_taken_id_is_409(admin):
    with clients.refused(409, 'Flavor with ID 42 already exists.'):
        admin.flavors.create_flavor(name='another-nano', ram=64, vcpus=1,
                                    disk=1, id='42')


def test_create_with_a_negative_ram_is_400_and_creates_nothing(admin):
    with clients.refused(400) as refusal:
        admin.flavors.create_flavor(name='negative', ram=-1, vcpus=1,
                                    disk=1)
    assert 'Invalid input for field/attribute ram' in refusal.message
    assert 'negative' not in {f['name'] for f in
                              admin.flavors.list_flavors()['flavors']}


def test_member_cannot_create_a_flavor(member_a):
    with clients.refused(403, clients.policy_message(
            'os_compute_api:os-flavor-manage:create')):
        member_a.flavors.create_flavor(name='mine', ram=64, vcpus=1, disk=1)


@pytest.mark.microversion('2.55')
def test_admin_describes_a_flavor_from_2_55(admin, flavor):
    updated = admin.flavors.update_flavor(flavor['id'],
                                          description='small')['flavor']
    assert updated['description'] == 'small'
    assert admin.flavors.show_flavor(flavor['id'])['flavor'][
        'description'] == 'small'


@pytest.mark.microversion('2.61')
def test_flavor_shows_its_extra_specs_from_2_61(member_a, flavor):
    assert member_a.flavors.show_flavor(flavor['id'])['flavor'][
        'extra_specs'] == {'hw:cpu_policy': 'shared'}


def test_admin_deletes_a_flavor(admin, flavor):
    admin.flavors.delete_flavor(flavor['id'])
    with clients.refused(404):
        admin.flavors.show_flavor(flavor['id'])


def test_member_cannot_delete_a_flavor(member_a, flavor):
    with clients.refused(403, clients.policy_message(
            'os_compute_api:os-flavor-manage:delete')):
        member_a.flavors.delete_flavor(flavor['id'])
    member_a.flavors.show_flavor(flavor['id'])


def test_delete_of_an_unknown_flavor_is_404(admin):
    with clients.refused(404, 'Flavor 999 could not be found.'):
        admin.flavors.delete_flavor('999')


# extra specs

def test_extra_specs_are_listed_to_members(member_a, flavor):
    assert member_a.flavors.list_flavor_extra_specs(flavor['id'])[
        'extra_specs'] == {'hw:cpu_policy': 'shared'}


def test_extra_spec_is_shown_by_key(member_a, flavor):
    assert member_a.flavors.show_flavor_extra_spec(
        flavor['id'], 'hw:cpu_policy') == {'hw:cpu_policy': 'shared'}


def test_show_of_a_missing_extra_spec_is_404(member_a, flavor):
    with clients.refused(404, 'Flavor %s has no extra specs with key '
                              'nope.' % flavor['id']):
        member_a.flavors.show_flavor_extra_spec(flavor['id'], 'nope')


def test_admin_sets_extra_specs_keeping_the_others(admin, flavor):
    admin.flavors.set_flavor_extra_spec(flavor['id'],
                                        **{'hw:mem_page_size': 'large'})
    assert admin.flavors.list_flavor_extra_specs(flavor['id'])[
        'extra_specs'] == {'hw:cpu_policy': 'shared',
                           'hw:mem_page_size': 'large'}


def test_admin_updates_one_extra_spec(admin, flavor):
    admin.flavors.update_flavor_extra_spec(
        flavor['id'], 'hw:cpu_policy', **{'hw:cpu_policy': 'dedicated'})
    assert admin.flavors.show_flavor_extra_spec(
        flavor['id'], 'hw:cpu_policy') == {'hw:cpu_policy': 'dedicated'}


def test_update_of_another_key_than_the_url_is_400(admin, flavor):
    with clients.refused(400, 'Request body and URI mismatch'):
        admin.flavors.update_flavor_extra_spec(
            flavor['id'], 'hw:cpu_policy', **{'hw:other': 'x'})
    assert admin.flavors.list_flavor_extra_specs(flavor['id'])[
        'extra_specs'] == {'hw:cpu_policy': 'shared'}


def test_admin_unsets_an_extra_spec(admin, flavor):
    admin.flavors.unset_flavor_extra_spec(flavor['id'], 'hw:cpu_policy')
    assert admin.flavors.list_flavor_extra_specs(flavor['id'])[
        'extra_specs'] == {}


def test_unset_of_a_missing_extra_spec_is_404(admin, flavor):
    with clients.refused(404):
        admin.flavors.unset_flavor_extra_spec(flavor['id'], 'nope')


def test_member_cannot_set_extra_specs(member_a, flavor):
    with clients.refused(403, clients.policy_message(
            'os_compute_api:os-flavor-extra-specs:create')):
        member_a.flavors.set_flavor_extra_spec(flavor['id'],
                                               **{'hw:x': 'y'})
    assert member_a.flavors.list_flavor_extra_specs(flavor['id'])[
        'extra_specs'] == {'hw:cpu_policy': 'shared'}


# flavor access

def test_a_private_flavor_is_hidden_from_projects(member_a, private_flavor):
    assert private_flavor['id'] not in _flavor_ids(member_a)
    with clients.refused(404):
        member_a.flavors.show_flavor(private_flavor['id'])


def test_access_given_to_a_project_shows_it_the_flavor(
        admin, member_a, member_b, private_flavor):
    access = admin.flavors.add_flavor_access(
        private_flavor['id'], conftest.PROJECT_A)['flavor_access']
    assert access == [{'flavor_id': private_flavor['id'],
                       'tenant_id': conftest.PROJECT_A}]
    assert private_flavor['id'] in _flavor_ids(member_a)
    assert private_flavor['id'] not in _flavor_ids(member_b)


def test_access_list_shows_the_projects(admin, private_flavor):
    admin.flavors.add_flavor_access(private_flavor['id'],
                                    conftest.PROJECT_B)
    assert admin.flavors.list_flavor_access(private_flavor['id'])[
        'flavor_access'] == [{'flavor_id': private_flavor['id'],
                              'tenant_id': conftest.PROJECT_B}]


def test_access_removed_hides_the_flavor_again(admin, member_a,
                                               private_flavor):
    admin.flavors.add_flavor_access(private_flavor['id'],
                                    conftest.PROJECT_A)
    assert admin.flavors.remove_flavor_access(
        private_flavor['id'], conftest.PROJECT_A)['flavor_access'] == []
    assert private_flavor['id'] not in _flavor_ids(member_a)


def test_access_to_a_public_flavor_is_409(admin, flavor):
    with clients.refused(409, 'Can not add access to a public flavor.'):
        admin.flavors.add_flavor_access(flavor['id'], conftest.PROJECT_A)


def test_access_list_of_a_public_flavor_is_404(admin, flavor):
    with clients.refused(404, 'Access list not available for public '
                              'flavors.'):
        admin.flavors.list_flavor_access(flavor['id'])


def test_access_given_twice_is_409(admin, private_flavor):
    admin.flavors.add_flavor_access(private_flavor['id'],
                                    conftest.PROJECT_A)
    with clients.refused(409, 'Flavor access already exists for flavor %s '
                              'and project %s combination.'
                         % (private_flavor['id'], conftest.PROJECT_A)):
        admin.flavors.add_flavor_access(private_flavor['id'],
                                        conftest.PROJECT_A)


def test_member_cannot_give_access(member_a, private_flavor):
    with clients.refused(403, clients.policy_message(
            'os_compute_api:os-flavor-access:add_tenant_access')):
        member_a.flavors.add_flavor_access(private_flavor['id'],
                                           conftest.PROJECT_A)


@pytest.mark.microversion('2.102')
def test_from_2_102_flavors_drop_rxtx_factor_and_disabled(member_a, flavor):
    shown = member_a.flavors.show_flavor(flavor['id'])['flavor']
    listed = member_a.flavors.list_flavors(detail=True)['flavors']
    for document in [shown] + listed:
        assert 'rxtx_factor' not in document
        assert 'OS-FLV-DISABLED:disabled' not in document


@pytest.mark.microversion('2.102')
def test_from_2_102_the_lists_filter_by_name(member_a, flavor):
    assert _flavor_ids(member_a, name=flavor['name']) == {flavor['id']}
    assert _flavor_ids(member_a, name='^m1\\.nano$') == {conftest.FLAVOR}


@pytest.mark.microversion('2.102')
def test_from_2_102_rxtx_factor_is_refused_on_create(admin):
    name = 'flavor-%s' % uuid.uuid4().hex[:8]
    with clients.refused(400):
        admin.flavors.create_flavor(name=name, ram=256, vcpus=1, disk=1,
                                    rxtx_factor=2.0)
    assert name not in {flavor['name'] for flavor in admin.flavors.
                        list_flavors(is_public='none')['flavors']}


@pytest.mark.microversion('2.102')
def test_from_2_102_show_refuses_unknown_query_parameters(member_a, flavor):
    with clients.refused(400, "Additional properties are not allowed "
                              "('foo' was unexpected)"):
        member_a.flavors.show_flavor(flavor['id'] + '?foo=1')
