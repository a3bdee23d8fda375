"""ComputeNode: the resources one hypervisor offers and uses."""

from oslo_versionedobjects import fields

from nova_lite.db import api as db
from nova_lite.objects import base


@base.NovaObjectRegistry.register
class ComputeNode(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'service_id': fields.IntegerField(nullable=True),
        'host': fields.StringField(),
        'hypervisor_hostname': fields.StringField(),
        'hypervisor_type': fields.StringField(nullable=True),
        'hypervisor_version': fields.IntegerField(nullable=True),
        'cpu_info': fields.StringField(nullable=True),
        'vcpus': fields.IntegerField(),
        'memory_mb': fields.IntegerField(),
        'local_gb': fields.IntegerField(),
        'vcpus_used': fields.IntegerField(default=0),
        'memory_mb_used': fields.IntegerField(default=0),
        'local_gb_used': fields.IntegerField(default=0),
        'free_ram_mb': fields.IntegerField(nullable=True),
        'free_disk_gb': fields.IntegerField(nullable=True),
        'running_vms': fields.IntegerField(default=0),
        # Builds and other disk or network heavy tasks in progress (Nova's
        # io_workload), the free disk left once every instance disk grew
        # to its full size, and the host's address (my_ip).
        'current_workload': fields.IntegerField(nullable=True),
        'disk_available_least': fields.IntegerField(nullable=True),
        'host_ip': fields.StringField(nullable=True),
        'cpu_allocation_ratio': fields.FloatField(nullable=True),
        'ram_allocation_ratio': fields.FloatField(nullable=True),
        'disk_allocation_ratio': fields.FloatField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, node, db_node):
        base.from_db(node, db_node)
        node._context = context
        return node

    @classmethod
    @base.remotable
    def get_by_host_and_nodename(cls, context, host, nodename):
        return cls._from_db_object(
            context, cls(),
            db.compute_node_get_by_host_and_nodename(context, host, nodename))

    @base.remotable
    def create(self):
        values = base.db_values(self.obj_get_changes())
        self._from_db_object(self._context, self,
                             db.compute_node_create(self._context, values))

    @base.remotable
    def save(self):
        values = base.db_values(self.obj_get_changes())
        values.pop('id', None)
        if values:
            self._from_db_object(
                self._context, self,
                db.compute_node_update(self._context, self.id, values))


@base.NovaObjectRegistry.register
class ComputeNodeList(base.ObjectListBase, base.NovaObject):
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('ComputeNode')}

    @classmethod
    @base.remotable
    def get_all(cls, context):
        return base.obj_make_list(context, cls(context), ComputeNode,
                                  db.compute_node_get_all(context))

    @classmethod
    @base.remotable
    def get_all_by_host(cls, context, host):
        return base.obj_make_list(context, cls(context), ComputeNode,
                                  db.compute_node_get_all(context, host))
