"""KeypairAPI: what the REST layer calls to generate, import, show, list
and delete key pairs (Nova's compute.api.KeypairAPI). Key pairs live in
the database only; no service but the API takes part."""

from oslo_log import log as logging

from nova_lite import conf as nova_conf
from nova_lite import crypto
from nova_lite import exception
from nova_lite import objects
from nova_lite.objects import keypair as keypair_obj
from nova_lite import quota

LOG = logging.getLogger(__name__)


def _generate_fingerprint(public_key, key_type):
    if key_type == keypair_obj.KEYPAIR_TYPE_X509:
        return crypto.generate_x509_fingerprint(public_key)
    return crypto.generate_fingerprint(public_key)


def _generate_key_pair(user_id, key_type):
    if key_type == keypair_obj.KEYPAIR_TYPE_X509:
        return crypto.generate_winrm_x509_cert(user_id)
    return crypto.generate_key_pair()


class KeypairAPI(object):
    """Key pairs of a user, by name."""

    def __init__(self, conf=None):
        self.conf = conf or nova_conf.CONF

    def _check_quota(self, context, user_id, delta=1):
        """KeypairLimitExceeded (403) if the user cannot have ``delta``
        more."""
        if quota.over(context, self.conf, context.project_id, user_id,
                      {'key_pairs': delta}):
            raise exception.KeypairLimitExceeded()

    def _record(self, context, keypair):
        """Create the key pair, then count again as Nova does with
        ``[quota] recheck_quota``: a request racing this one may have
        taken the last key pair the quota allows, and the later one
        gives its key pair back."""
        keypair.create()
        if self.conf.quota.recheck_quota:
            try:
                self._check_quota(context, keypair.user_id, delta=0)
            except exception.KeypairLimitExceeded:
                objects.KeyPair.destroy_by_name(context, keypair.user_id,
                                                keypair.name)
                raise

    def import_key_pair(self, context, user_id, key_name, public_key,
                        key_type=keypair_obj.KEYPAIR_TYPE_SSH):
        """Record the user's existing public key (an OpenSSH key, or a PEM
        certificate for x509); InvalidKeypair if it is not one,
        KeyPairExists if the name is taken."""
        self._check_quota(context, user_id)
        fingerprint = _generate_fingerprint(public_key, key_type)
        keypair = objects.KeyPair(
            context, user_id=user_id, name=key_name, type=key_type,
            fingerprint=fingerprint, public_key=public_key)
        self._record(context, keypair)
        LOG.info('Imported key pair %(name)s of user %(user_id)s',
                 {'name': key_name, 'user_id': user_id})
        return keypair

    def create_key_pair(self, context, user_id, key_name,
                        key_type=keypair_obj.KEYPAIR_TYPE_SSH):
        """Generate a key pair and record its public half; returns
        (keypair, private key). The private key is never stored."""
        self._check_quota(context, user_id)
        private_key, public_key, fingerprint = _generate_key_pair(
            user_id, key_type)
        keypair = objects.KeyPair(
            context, user_id=user_id, name=key_name, type=key_type,
            fingerprint=fingerprint, public_key=public_key)
        self._record(context, keypair)
        LOG.info('Created key pair %(name)s of user %(user_id)s',
                 {'name': key_name, 'user_id': user_id})
        return keypair, private_key

    def get_key_pairs(self, context, user_id, limit=None, marker=None):
        """The user's key pairs by name (paged with limit/marker)."""
        return objects.KeyPairList.get_by_user(context, user_id,
                                               limit=limit, marker=marker)

    def get_key_pair(self, context, user_id, key_name):
        """The user's key pair ``key_name``; KeypairNotFound otherwise."""
        return objects.KeyPair.get_by_name(context, user_id, key_name)

    def delete_key_pair(self, context, user_id, key_name):
        """Delete the user's key pair; KeypairNotFound if there is none.
        Servers created with it keep their copy of the public key."""
        objects.KeyPair.destroy_by_name(context, user_id, key_name)
        LOG.info('Deleted key pair %(name)s of user %(user_id)s',
                 {'name': key_name, 'user_id': user_id})
