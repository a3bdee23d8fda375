"""nova-lite-manage placement: what Placement holds, and healing it.

    nova-lite-manage --config-file F placement provider list
    nova-lite-manage --config-file F placement inventory list [PROVIDER]
    nova-lite-manage --config-file F placement usage list
    nova-lite-manage --config-file F placement allocation list [--consumer U]
    nova-lite-manage --config-file F placement heal_allocations [--dry-run]
"""

from nova_lite.cmd import tables
from nova_lite.compute import vm_states
from nova_lite import context as nova_context
from nova_lite.db import placement_api
from nova_lite import objects
from nova_lite.scheduler.client import report


def _providers(ctxt, name_or_uuid=None):
    providers = placement_api.get_providers(ctxt)
    if name_or_uuid:
        providers = [p for p in providers
                     if name_or_uuid in (p.uuid, p.name)]
    return providers


def provider_list(conf, args):
    ctxt = nova_context.get_admin_context()
    tables.print_table(('UUID', 'Name', 'Generation'), [
        (p.uuid, p.name, p.generation) for p in _providers(ctxt)])


def inventory_list(conf, args):
    ctxt = nova_context.get_admin_context()
    rows = []
    for p in _providers(ctxt, args.provider):
        for rc, inv in sorted(p.inventories.items()):
            rows.append((p.name, rc, inv.total, inv.reserved, inv.min_unit,
                         inv.max_unit, inv.step_size, inv.allocation_ratio,
                         inv.capacity))
    tables.print_table(('Provider', 'Resource Class', 'Total', 'Reserved',
                        'Min Unit', 'Max Unit', 'Step Size',
                        'Allocation Ratio', 'Capacity'), rows)


def usage_list(conf, args):
    ctxt = nova_context.get_admin_context()
    rows = []
    for p in _providers(ctxt):
        for rc, inv in sorted(p.inventories.items()):
            rows.append((p.name, rc, p.usages.get(rc, 0), inv.capacity,
                         len(p.consumers)))
    tables.print_table(('Provider', 'Resource Class', 'Used', 'Capacity',
                        'Consumers'), rows)


def allocation_list(conf, args):
    ctxt = nova_context.get_admin_context()
    names = {p.uuid: p.name for p in _providers(ctxt)}
    rows = []
    for consumer, allocations in sorted(
            placement_api.get_all_allocations(ctxt).items()):
        if args.consumer and consumer != args.consumer:
            continue
        for rp, resources in sorted(allocations.items()):
            for rc, used in sorted(resources.items()):
                rows.append((consumer, names.get(rp, rp), rc, used))
    tables.print_table(('Consumer', 'Provider', 'Resource Class', 'Used'),
                       rows)


def _expected_allocations(ctxt, instances):
    """{instance uuid: {provider uuid: resources}} of the instances that
    must hold resources: those on a host; None for those that must hold
    none (no host, or ERROR off any host)."""
    nodes = {(n.host, n.hypervisor_hostname): n.uuid
             for n in objects.ComputeNodeList.get_all(ctxt)}
    expected = {}
    for inst in instances:
        node = nodes.get((inst.host, inst.node))
        if inst.host and node and inst.flavor:
            expected[inst.uuid] = {
                node: report.resources_from_flavor(inst.flavor)}
        elif inst.vm_state == vm_states.ERROR:
            expected[inst.uuid] = None
    return expected


def heal_allocations(conf, args):
    """Make allocations match instances: a live instance on a host holds
    its flavor there; an allocation of no live instance is removed. A
    build that has claimed but not yet reached its host is left alone."""
    ctxt = nova_context.get_admin_context()
    instances = objects.InstanceList.get_by_filters(ctxt, {'deleted': False})
    live = {inst.uuid for inst in instances}
    expected = _expected_allocations(ctxt, instances)
    actual = placement_api.get_all_allocations(ctxt)
    changes = []
    for uuid, wanted in sorted(expected.items()):
        held = actual.get(uuid, {})
        if wanted is None and held:
            changes.append(('remove', uuid, held, None))
        elif wanted is not None and held != wanted:
            changes.append(('set', uuid, held, wanted))
    for uuid, held in sorted(actual.items()):
        if uuid not in live:
            changes.append(('remove', uuid, held, None))
    for action, uuid, held, wanted in changes:
        if not args.dry_run:
            if action == 'set':
                placement_api.replace_allocations(ctxt, uuid, wanted)
            else:
                placement_api.delete_allocations(ctxt, uuid)
        print('%s %s: %s -> %s' % ('Would heal' if args.dry_run else
                                   'Healed', uuid, held or '{}',
                                   wanted or '{}'))
    print('%d allocation(s) %s.' % (
        len(changes), 'to heal' if args.dry_run else 'healed'))


def add_parsers(subparsers):
    placement = subparsers.add_parser('placement').add_subparsers(
        dest='action')
    provider = placement.add_parser('provider').add_subparsers(dest='what')
    provider.add_parser('list').set_defaults(func=provider_list)
    inventory = placement.add_parser('inventory').add_subparsers(
        dest='what')
    inv_list = inventory.add_parser('list')
    inv_list.add_argument('provider', nargs='?', help='name or uuid')
    inv_list.set_defaults(func=inventory_list)
    usage = placement.add_parser('usage').add_subparsers(dest='what')
    usage.add_parser('list').set_defaults(func=usage_list)
    allocation = placement.add_parser('allocation').add_subparsers(
        dest='what')
    alloc_list = allocation.add_parser('list')
    alloc_list.add_argument('--consumer', help='an instance uuid')
    alloc_list.set_defaults(func=allocation_list)
    heal = placement.add_parser('heal_allocations')
    heal.add_argument('--dry-run', action='store_true',
                      help='print what would be healed, change nothing')
    heal.set_defaults(func=heal_allocations)
