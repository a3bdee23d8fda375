"""The os-getConsoleOutput server action: the tail of the guest's
serial console log."""

import re

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.schemas import servers as schema
from nova_lite.api import validation
from nova_lite.api.openstack.compute import servers
from nova_lite import exception
from nova_lite.policies import console_output as console_policies

# Control characters other than tab and newline garble terminals and
# JSON consumers alike; Nova strips them.
_CONTROL_CHARS = re.compile('[\x00-\x08\x0B-\x1F]')


class ConsoleOutputController(common.ComputeAPIController):

    @validation.validated(schema.get_console_output)
    def get_console_output(self, req, id, body):
        context = req.environ['nova.context']
        instance = self.compute_api.get(context, id)
        context.can(console_policies.BASE_POLICY_NAME,
                    servers.target(instance))
        length = body['os-getConsoleOutput'].get('length')
        # -1 and null both ask for the whole log.
        length = None if length in (None, -1, '-1') else int(length)
        try:
            output = self.compute_api.get_console_output(
                context, instance, tail_length=length)
        except exception.ConsoleNotAvailable as exc:
            raise exception.NotFound(exc.format_message())
        return {'output': _CONTROL_CHARS.sub('', output)}
