"""GET /flavors/{id}/os-extra_specs[/{key}] and /os-flavor-access, which
the openstack CLI reads for ``flavor show``; setting extra specs, with
the validation of the specs Nova knows from 2.86."""

import pytest
from tempest.lib.api_schema.response.compute.v2_1 import \
    flavors_extra_specs as specs21

from nova_lite import context as nova_context
from nova_lite import objects
from tests.unit.api import failed
from tests.unit.api import make_flavor
from tests.unit.api import tempest_validate


def test_extra_specs_lists_the_flavors_extra_specs(client, admin_context):
    make_flavor(admin_context, extra_specs={'hw:cpu_policy': 'shared'})

    resp = client.get('/v2.1/flavors/1/os-extra_specs')

    assert resp.status_int == 200
    assert resp.json == {'extra_specs': {'hw:cpu_policy': 'shared'}}


def test_extra_specs_of_a_flavor_without_any_is_empty(client, flavor):
    resp = client.get('/v2.1/flavors/1/os-extra_specs')

    assert resp.json == {'extra_specs': {}}


def test_one_extra_spec_is_shown_by_key(client, admin_context):
    make_flavor(admin_context, extra_specs={'hw:cpu_policy': 'shared'})

    resp = client.get('/v2.1/flavors/1/os-extra_specs/hw:cpu_policy')

    assert resp.json == {'hw:cpu_policy': 'shared'}


def test_a_missing_extra_spec_is_not_found(client, flavor):
    resp = client.get('/v2.1/flavors/1/os-extra_specs/hw:cpu_policy')

    assert resp.status_int == 404
    assert resp.json['itemNotFound']['message'] == (
        'Flavor 1 has no extra specs with key hw:cpu_policy.')


def test_extra_specs_of_a_missing_flavor_are_not_found(client, db):
    resp = client.get('/v2.1/flavors/99/os-extra_specs')

    assert resp.status_int == 404
    assert resp.json['itemNotFound']['message'] == (
        'Flavor 99 could not be found.')


def test_extra_specs_of_a_private_flavor_are_hidden_from_users(
        client, admin, admin_context):
    make_flavor(admin_context, is_public=False)

    assert client.get('/v2.1/flavors/1/os-extra_specs').status_int == 404
    assert admin.get('/v2.1/flavors/1/os-extra_specs').status_int == 200


def test_access_list_of_a_public_flavor_is_not_available(admin, flavor):
    resp = admin.get('/v2.1/flavors/1/os-flavor-access')

    assert resp.status_int == 404
    assert resp.json['itemNotFound']['message'] == (
        'Access list not available for public flavors.')


def test_access_list_of_a_private_flavor_is_empty(admin, admin_context):
    make_flavor(admin_context, is_public=False)

    resp = admin.get('/v2.1/flavors/1/os-flavor-access')

    assert resp.status_int == 200
    assert resp.json == {'flavor_access': []}


# Setting extra specs: from 2.86 the specs Nova knows are validated.

SPECS = '/v2.1/flavors/1/os-extra_specs'
EXISTING = {'hw:cpu_policy': 'shared'}


@pytest.fixture
def specs_flavor(db, admin_context):
    return make_flavor(admin_context, extra_specs=dict(EXISTING))


def _row():
    return objects.Flavor.get_by_flavor_id(
        nova_context.get_admin_context(), '1').extra_specs


def _create(admin, specs, version='2.86'):
    return admin.at_version(version).post(SPECS, {'extra_specs': specs})


def _update(admin, key, value, version='2.86', body=None):
    return admin.at_version(version).request(
        'PUT', SPECS + '/' + key, body=body or {key: value})


# One or more valid specs of each namespace Nova validates (the specs of
# accel, aggregate_instance_extra_specs, capabilities and vmware take any
# value).
VALID = {
    'accel': {'accel:device_profile': 'gpu-small'},
    'aggregate_instance_extra_specs': {
        'aggregate_instance_extra_specs:ssd': '<in> true'},
    'capabilities': {'capabilities:hypervisor_type': 's== QEMU',
                     'capabilities:cpu_info:arch': 'x86_64',
                     'capabilities:stats': '<in> x'},
    'hw': {'hw:cpu_policy': 'mixed', 'hw:cpu_dedicated_mask': '^0-1',
           'hw:cpu_realtime': 'yes', 'hw:cpu_realtime_mask': '^0,2-3',
           'hw:numa_nodes': '2', 'hw:numa_cpus.0': '0-1,^1',
           'hw:numa_mem.1': '512', 'hw:mem_page_size': '2MiB',
           'hw:redirected_usb_ports': '15', 'hw:tpm_version': '2.0',
           'hw:usb_model': 'qemu-xhci',
           'hw:ephemeral_encryption_format': 'luksv2'},
    'hw_rng': {'hw_rng:allowed': 'False', 'hw_rng:rate_bytes': '0',
               'hw_rng:rate_period': '1000'},
    'hw_video': {'hw_video:ram_max_mb': '64'},
    'no namespace': {'hide_hypervisor_id': 'true', 'group_policy': 'none'},
    'os': {'os:secure_boot': 'required'},
    'pci_passthrough': {'pci_passthrough:alias': 'a1:2, b1:1'},
    'quota': {'quota:cpu_shares': '1024', 'quota:cpu_quota': '-1',
              'quota:vif_shares_level': 'custom',
              'quota:disk_total_iops_sec': '500'},
    'resources': {'resources:VCPU': '2', 'resources1:CUSTOM_MAGIC': '1',
                  'resources_gpu:VGPU': '1'},
    'trait': {'trait:HW_CPU_X86_AVX2': 'required',
              'trait1:CUSTOM_RAID': 'forbidden'},
    'vmware': {'vmware:hw_version': 'vmx-13',
               'vmware:storage_policy': 'gold'},
}

# A name in each known namespace that Nova does not know.
UNKNOWN = ['accel:profile', 'aggregate_instance_extra_specs:',
           'capabilities:cpu_infos', 'capabilities:cpu_info:',
           'hw:cpu_polic', 'hw:numa_cpus.x', 'hw_rng:rate',
           'hw_video:ram_mb', 'os:secureboot', 'pci_passthrough:aliases',
           'quota:cpu_limits', 'resources:MAGIC', 'resources1:custom_x',
           'trait:HW_CPU_X86_AVX3', 'trait_a:', 'vmware:hw']

_CPU_SET = r'\^?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*'

# A value Nova refuses for a known spec, and its reason.
BAD = [
    ('hw:cpu_policy', 'exclusive',
     "'exclusive' is not one of: dedicated, shared, mixed."),
    ('hw:numa_nodes', '0', "'0' is less than the min value of '1'."),
    ('hw:redirected_usb_ports', '16',
     "'16' is greater than the max value of '15'."),
    ('hw:numa_cpus.0', '0-a', "'0-a' is not of the format '%s'." % _CPU_SET),
    ('hw:cpu_realtime', 'maybe', "'maybe' is not a valid boolean-like "
                                 "value."),
    ('hw_rng:rate_bytes', '-1', "'-1' is less than the min value of '0'."),
    ('hw_video:ram_max_mb', 'lots', "'lots' is not a valid integer value."),
    ('group_policy', 'share', "'share' is not one of: isolate, none."),
    ('hide_hypervisor_id', 'hidden',
     "'hidden' is not a valid boolean-like value."),
    ('os:secure_boot', 'optional',
     "'optional' is not one of: disabled, required."),
    ('pci_passthrough:alias', 'a1',
     r"'a1' is not of the format '[^:]+:\d+(?:\s*,\s*[^:]+:\d+)*'."),
    ('quota:cpu_shares_level', 'medium',
     "'medium' is not one of: custom, high, normal, low."),
    ('quota:disk_read_iops_sec', '-5',
     "'-5' is less than the min value of '0'."),
    ('resources:VCPU', 'two', "'two' is not a valid integer value."),
    ('resources1:CUSTOM_MAGIC', '1.5',
     "'1.5' is not a valid integer value."),
    ('trait:HW_CPU_X86_AVX2', 'preferred',
     "'preferred' is not one of: required, forbidden."),
]

# Names outside the namespaces Nova knows: stored as they are.
OTHER = {'foo:bar': 'baz', 'hhw:cpu_policy': 'x', 'nonamespace': 'x',
         'powervm:proc_units': 'x', 'resources' + 'x' * 65 + ':VCPU': 'x'}


@pytest.mark.parametrize('namespace', sorted(VALID))
def test_known_specs_with_valid_values_are_set_at_2_86(
        admin, specs_flavor, namespace):
    resp = _create(admin, VALID[namespace])

    tempest_validate(specs21.set_get_flavor_extra_specs, resp)
    assert resp.json == {'extra_specs': VALID[namespace]}
    assert _row() == dict(EXISTING, **VALID[namespace])


@pytest.mark.parametrize('key, value', [
    (key, value) for specs in VALID.values() for key, value in specs.items()])
def test_a_known_spec_with_a_valid_value_is_updated_at_2_86(
        admin, specs_flavor, key, value):
    resp = _update(admin, key, value)

    tempest_validate(specs21.set_get_flavor_extra_specs_key, resp)
    assert resp.json == {key: value}
    assert _row() == dict(EXISTING, **{key: value})


def _unknown(key):
    return (400, "Validation failed; extra spec '%s' does not appear to be "
                 "a valid extra spec." % key)


@pytest.mark.parametrize('key', UNKNOWN)
def test_an_unknown_spec_of_a_known_namespace_is_refused_at_2_86(
        admin, specs_flavor, key):
    # The valid spec of the same body is not set either.
    resp = _create(admin, {'hw:numa_nodes': '1', key: '1'})

    assert failed(resp) == _unknown(key)
    assert failed(_update(admin, key, '1')) == _unknown(key)
    assert _row() == EXISTING


@pytest.mark.parametrize('key, value, reason', BAD)
def test_a_known_spec_with_a_bad_value_is_refused_at_2_86(
        admin, specs_flavor, key, value, reason):
    expected = (400, 'Validation failed; ' + reason)

    assert failed(_create(admin, {'hw:numa_nodes': '1',
                                  key: value})) == expected
    assert failed(_update(admin, key, value)) == expected
    assert _row() == EXISTING


def test_specs_of_other_namespaces_are_set_as_they_are_at_2_86(
        admin, specs_flavor):
    resp = _create(admin, OTHER)

    tempest_validate(specs21.set_get_flavor_extra_specs, resp)
    assert _row() == dict(EXISTING, **OTHER)
    resp = _update(admin, 'foo:bar', 'qux')
    tempest_validate(specs21.set_get_flavor_extra_specs_key, resp)
    assert _row()['foo:bar'] == 'qux'


@pytest.mark.parametrize('version', ['2.1', '2.85'])
def test_specs_are_not_validated_before_2_86(admin, specs_flavor, version):
    specs = dict({key: '1' for key in UNKNOWN},
                 **{key: value for key, value, _reason in BAD})

    resp = _create(admin, specs, version=version)

    tempest_validate(specs21.set_get_flavor_extra_specs, resp)
    assert _row() == dict(EXISTING, **specs)
    for key, value, _reason in BAD[:3]:
        resp = _update(admin, key, value + '0', version=version)
        tempest_validate(specs21.set_get_flavor_extra_specs_key, resp)
        assert _row()[key] == value + '0'


def test_numbers_are_validated_as_the_strings_they_are_stored_as(
        admin, specs_flavor):
    resp = _create(admin, {'hw:numa_nodes': 2, 'hw:tpm_version': 2.0})

    tempest_validate(specs21.set_get_flavor_extra_specs, resp)
    assert _row() == dict(EXISTING, **{'hw:numa_nodes': '2',
                                       'hw:tpm_version': '2.0'})
    assert failed(_update(admin, 'hw:numa_nodes', 1.5)) == (
        400, "Validation failed; '1.5' is not a valid integer value.")
    assert _row()['hw:numa_nodes'] == '2'


@pytest.mark.parametrize('version', ['2.1', '2.86'])
def test_a_number_longer_than_255_characters_is_refused(
        admin, specs_flavor, version):
    expected = (400, 'extra_specs value has 256 characters, more than 255.')

    assert failed(_create(admin, {'a': 10 ** 255},
                          version=version)) == expected
    assert failed(_update(admin, 'a', 10 ** 255,
                          version=version)) == expected
    assert _row() == EXISTING


def test_a_bad_value_is_refused_before_the_url_key_is_compared(
        admin, specs_flavor):
    resp = _update(admin, 'hw:numa_nodes', None,
                   body={'hw:cpu_policy': 'exclusive'})

    assert failed(resp) == (400, "Validation failed; 'exclusive' is not "
                                 "one of: dedicated, shared, mixed.")
    resp = _update(admin, 'hw:numa_nodes', None,
                   body={'hw:cpu_policy': 'dedicated'})
    assert failed(resp) == (400, 'Request body and URI mismatch')
    assert _row() == EXISTING


def test_the_policy_is_checked_before_the_specs(client, specs_flavor):
    resp = client.at_version('2.86').post(
        SPECS, {'extra_specs': {'hw:cpu_policy': 'exclusive'}})

    assert failed(resp) == (
        403, "Policy doesn't allow "
             "os_compute_api:os-flavor-extra-specs:create to be performed.")
    assert _row() == EXISTING


def test_the_specs_are_checked_before_the_flavor_is_looked_up(admin, db):
    resp = admin.at_version('2.86').post(
        '/v2.1/flavors/99/os-extra_specs',
        {'extra_specs': {'hw:cpu_policy': 'exclusive'}})

    assert resp.status_int == 400
    resp = admin.at_version('2.86').post(
        '/v2.1/flavors/99/os-extra_specs',
        {'extra_specs': {'hw:cpu_policy': 'dedicated'}})
    assert failed(resp) == (404, 'Flavor 99 could not be found.')
