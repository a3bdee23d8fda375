"""nova-lite-manage: database schema, services, flavors and images.

    nova-lite-manage --config-file F db sync
    nova-lite-manage --config-file F service list
    nova-lite-manage --config-file F flavor create-defaults
    nova-lite-manage --config-file F image create --name N --file PATH
    nova-lite-manage --config-file F network create NAME --cidr CIDR
    nova-lite-manage --config-file F port create NETWORK [--fixed-ip IP]
    nova-lite-manage --config-file F placement ... (see manage_placement)
"""

import sys

from oslo_config import cfg

from nova_lite.cmd import manage_network
from nova_lite.cmd import manage_placement
from nova_lite.cmd import tables
from nova_lite import config
from nova_lite import context as nova_context
from nova_lite.db import migration
from nova_lite import exception
from nova_lite.image import api as image_api
from nova_lite import objects

# Nova's historical default flavors plus devstack's small ones for tests.
DEFAULT_FLAVORS = (
    # flavorid, name, vcpus, memory_mb, root_gb
    ('1', 'm1.tiny', 1, 512, 1),
    ('2', 'm1.small', 1, 2048, 20),
    ('3', 'm1.medium', 2, 4096, 40),
    ('4', 'm1.large', 4, 8192, 80),
    ('5', 'm1.xlarge', 8, 16384, 160),
    ('42', 'm1.nano', 1, 128, 1),
    ('84', 'm1.micro', 1, 192, 1),
)


def db_sync(conf, args):
    migration.db_sync()
    print('Database at revision %s' % migration.db_version())


def db_version(conf, args):
    print(migration.db_version())


def service_list(conf, args):
    ctxt = nova_context.get_admin_context()
    rows = []
    for svc in objects.ServiceList.get_all(ctxt):
        rows.append((svc.id, svc.binary, svc.host,
                     'disabled' if svc.disabled else 'enabled',
                     'up' if svc.is_up(conf.service_down_time) else 'down',
                     svc.last_seen_up.strftime('%Y-%m-%dT%H:%M:%S')
                     if svc.last_seen_up else '-'))
    tables.print_table(
        ('Id', 'Binary', 'Host', 'Status', 'State', 'Updated At'), rows)


def flavor_create(conf, args):
    ctxt = nova_context.get_admin_context()
    flavor = objects.Flavor(ctxt, flavorid=args.id or args.flavor_name,
                            name=args.flavor_name, memory_mb=args.ram,
                            vcpus=args.vcpus, root_gb=args.disk,
                            ephemeral_gb=args.ephemeral, swap=args.swap,
                            rxtx_factor=1.0, is_public=True, disabled=False)
    flavor.create()
    print('Created flavor %s (%s)' % (flavor.name, flavor.flavorid))


def flavor_create_defaults(conf, args):
    ctxt = nova_context.get_admin_context()
    for flavorid, name, vcpus, memory_mb, root_gb in DEFAULT_FLAVORS:
        try:
            objects.Flavor.get_by_flavor_id(ctxt, flavorid)
            continue
        except exception.FlavorNotFound:
            pass
        objects.Flavor(ctxt, flavorid=flavorid, name=name, vcpus=vcpus,
                       memory_mb=memory_mb, root_gb=root_gb, ephemeral_gb=0,
                       swap=0, rxtx_factor=1.0, is_public=True,
                       disabled=False).create()
        print('Created flavor %s (%s)' % (name, flavorid))


def flavor_list(conf, args):
    ctxt = nova_context.get_admin_context()
    tables.print_table(
        ('ID', 'Name', 'RAM', 'Disk', 'Ephemeral', 'VCPUs'),
        [(f.flavorid, f.name, f.memory_mb, f.root_gb, f.ephemeral_gb,
          f.vcpus) for f in objects.FlavorList.get_all(ctxt)])


def image_create(conf, args):
    ctxt = nova_context.get_admin_context()
    api = image_api.API(conf)
    if args.if_missing:
        for image in api.get_all(ctxt):
            if image['name'] == args.image_name:
                print(image['id'])
                return
    properties = dict(p.split('=', 1) for p in args.property or [])
    image = api.create(ctxt, args.image_name, args.file,
                       disk_format=args.disk_format, min_disk=args.min_disk,
                       min_ram=args.min_ram, properties=properties,
                       image_id=args.id)
    print(image['id'])


def image_list(conf, args):
    ctxt = nova_context.get_admin_context()
    tables.print_table(
        ('ID', 'Name', 'Status', 'Format', 'Size'),
        [(i['id'], i['name'], i['status'], i['disk_format'], i['size'])
         for i in image_api.API(conf).get_all(ctxt)])


def _add_parsers(subparsers):
    db = subparsers.add_parser('db').add_subparsers(dest='action')
    db.add_parser('sync').set_defaults(func=db_sync)
    db.add_parser('version').set_defaults(func=db_version)

    service = subparsers.add_parser('service').add_subparsers(dest='action')
    service.add_parser('list').set_defaults(func=service_list)

    flavor = subparsers.add_parser('flavor').add_subparsers(dest='action')
    create = flavor.add_parser('create')
    # ``name`` is taken: oslo.config gives the chosen category under it.
    create.add_argument('flavor_name', metavar='NAME')
    create.add_argument('--id')
    create.add_argument('--ram', type=int, required=True)
    create.add_argument('--disk', type=int, default=0)
    create.add_argument('--vcpus', type=int, default=1)
    create.add_argument('--ephemeral', type=int, default=0)
    create.add_argument('--swap', type=int, default=0)
    create.set_defaults(func=flavor_create)
    flavor.add_parser('create-defaults').set_defaults(
        func=flavor_create_defaults)
    flavor.add_parser('list').set_defaults(func=flavor_list)

    image = subparsers.add_parser('image').add_subparsers(dest='action')
    create = image.add_parser('create')
    create.add_argument('--name', dest='image_name', required=True)
    create.add_argument('--file', required=True)
    create.add_argument('--id')
    create.add_argument('--disk-format', dest='disk_format')
    create.add_argument('--min-disk', dest='min_disk', type=int, default=0)
    create.add_argument('--min-ram', dest='min_ram', type=int, default=0)
    create.add_argument('--property', action='append')
    create.add_argument('--if-missing', dest='if_missing',
                        action='store_true',
                        help='print the id of an image of that name if '
                             'there is one instead of creating another')
    create.set_defaults(func=image_create)
    image.add_parser('list').set_defaults(func=image_list)

    manage_network.add_parsers(subparsers)
    manage_placement.add_parsers(subparsers)


category_opt = cfg.SubCommandOpt('category', title='Command categories',
                                 handler=_add_parsers)


def main():
    conf = cfg.CONF
    conf.register_cli_opt(category_opt)
    config.parse_args(sys.argv, conf, rpc_transport=False)
    func = getattr(conf.category, 'func', None)
    if func is None:
        print('Usage: nova-lite-manage [--config-file F] '
              '{db,service,flavor,image,network,port} ACTION [args]',
              file=sys.stderr)
        return 2
    try:
        func(conf, conf.category)
    except exception.NovaException as exc:
        print('ERROR: %s' % exc.format_message(), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
