"""RequestContext: who is asking, carried with every DB call and RPC."""

from oslo_context import context
from oslo_db.sqlalchemy import enginefacade

from nova_lite import exception
from nova_lite import policy


@enginefacade.transaction_context_provider
class RequestContext(context.RequestContext):
    """Security context and request information, as Nova's."""

    def __init__(self, user_id=None, project_id=None, is_admin=None,
                 read_deleted='no', remote_address=None, timestamp=None,
                 **kwargs):
        kwargs.pop('user', None)
        kwargs.pop('tenant', None)
        super().__init__(user_id=user_id, project_id=project_id,
                         is_admin=bool(is_admin), **kwargs)
        self.read_deleted = read_deleted
        self.remote_address = remote_address
        self.timestamp = timestamp
        if is_admin is None:
            # As Nova: whoever passes the context_is_admin rule (by
            # default the admin role) is an administrator.
            self.is_admin = bool(policy.check_is_admin(self))

    def can(self, action, target=None, fatal=True):
        """Whether the policy lets this context do ``action`` on
        ``target``: PolicyNotAuthorized (403) if not, or False when not
        ``fatal``."""
        try:
            return policy.authorize(self, action, target)
        except exception.Forbidden:
            if fatal:
                raise
            return False

    def to_dict(self):
        values = super().to_dict()
        values.update({'user_id': self.user_id,
                       'project_id': self.project_id,
                       'is_admin': self.is_admin,
                       'read_deleted': self.read_deleted,
                       'remote_address': self.remote_address,
                       'roles': self.roles})
        return values

    @classmethod
    def from_dict(cls, values):
        allowed = ('user_id', 'project_id', 'is_admin', 'read_deleted',
                   'remote_address', 'request_id', 'global_request_id',
                   'roles', 'auth_token', 'show_deleted')
        return cls(**{k: v for k, v in values.items() if k in allowed})

    def elevated(self, read_deleted=None):
        ctx = self.__class__.from_dict(self.to_dict())
        ctx.is_admin = True
        if 'admin' not in ctx.roles:
            ctx.roles = list(ctx.roles) + ['admin']
        if read_deleted is not None:
            ctx.read_deleted = read_deleted
        return ctx


def get_admin_context(read_deleted='no'):
    return RequestContext(user_id=None, project_id=None, is_admin=True,
                          read_deleted=read_deleted, overwrite=False)


def require_context(ctxt):
    if not ctxt.is_admin and not (ctxt.user_id and ctxt.project_id):
        raise exception.Forbidden()
