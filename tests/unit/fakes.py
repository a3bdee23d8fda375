"""Small builders of real objects and rows for unit tests."""

from oslo_utils import timeutils
from oslo_utils import uuidutils

from nova_lite.compute import task_states
from nova_lite.compute import vm_states
from nova_lite.db import placement_api
from nova_lite import objects


def flavor(ctxt=None, flavorid='42', name='m1.nano', memory_mb=128, vcpus=1,
           root_gb=1, ephemeral_gb=0, swap=0, create=False):
    f = objects.Flavor(ctxt, flavorid=flavorid, name=name,
                       memory_mb=memory_mb, vcpus=vcpus, root_gb=root_gb,
                       ephemeral_gb=ephemeral_gb, swap=swap, rxtx_factor=1.0,
                       is_public=True, disabled=False, extra_specs={})
    if create:
        f.create()
    return f


def compute_host(ctxt, host, memory_mb=2048, vcpus=2, local_gb=20,
                 up=True, disabled=False, nodename=None):
    """A compute service record and its compute node (and resource
    provider), named ``nodename`` or as the host."""
    nodename = nodename or host
    seen = timeutils.utcnow() if up else timeutils.utcnow() - \
        __import__('datetime').timedelta(hours=1)
    service = objects.Service(ctxt, host=host, binary='nova-lite-compute',
                              topic='compute', report_count=1,
                              disabled=disabled, last_seen_up=seen)
    service.create()
    node = objects.ComputeNode(ctxt, host=host, hypervisor_hostname=nodename,
                               vcpus=vcpus, memory_mb=memory_mb,
                               local_gb=local_gb, vcpus_used=0,
                               memory_mb_used=0, local_gb_used=0,
                               cpu_allocation_ratio=1.0,
                               ram_allocation_ratio=1.0,
                               disk_allocation_ratio=1.0,
                               service_id=service.id)
    node.create()
    placement_api.set_inventory(ctxt, node.uuid, nodename, {
        'VCPU': placement_api.Inventory(vcpus, max_unit=vcpus),
        'MEMORY_MB': placement_api.Inventory(memory_mb, max_unit=memory_mb),
        'DISK_GB': placement_api.Inventory(local_gb, max_unit=local_gb)})
    return node


def instance(ctxt, flavor_obj, host=None, create=True, **values):
    inst = objects.Instance(
        ctxt, uuid=uuidutils.generate_uuid(), user_id=ctxt.user_id or 'demo',
        project_id=ctxt.project_id or 'demo', display_name='vm',
        flavor=flavor_obj, memory_mb=flavor_obj.memory_mb,
        vcpus=flavor_obj.vcpus, root_gb=flavor_obj.root_gb,
        ephemeral_gb=flavor_obj.ephemeral_gb, host=host, node=host,
        vm_state=vm_states.BUILDING, task_state=task_states.SCHEDULING,
        power_state=0, image_ref=uuidutils.generate_uuid(), metadata={},
        system_metadata={}, config_drive='')
    for key, value in values.items():
        setattr(inst, key, value)
    if create:
        inst.create()
    return inst


def request_spec(flavor_obj, **values):
    spec = objects.RequestSpec(flavor=flavor_obj, num_instances=1,
                               ignore_hosts=None, force_hosts=None,
                               retry_hosts=[])
    for key, value in values.items():
        setattr(spec, key, value)
    return spec
