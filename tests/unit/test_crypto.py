"""Key material of key pairs: fingerprints as Nova computes them, and the
keys and certificates it generates."""

import base64
import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography import x509
from cryptography.x509 import oid
import pytest

from nova_lite import crypto
from nova_lite import exception

# A key and its fingerprint from Nova's API samples.
SAMPLE_PUBLIC_KEY = (
    'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC1HTrHCbb9NawNLSV8N6tSa8i637+EC2d'
    'A+lsdHHfQlT54t+N0nHhJPlKWDLhc579j87vp6RDFriFJ/smsTnDnf64O12z0kBaJpJPH2z'
    'XrBkZFK6q2rmxydURzX/z0yLSCP77SFJ0fdXWH2hMsAusflGyryHGX20n+mZK6mDrxVzGx'
    'Ez228dwQ5G7Az5OoZDWygH2pqPvKjkifRw0jwUKf3BbkP0QvANACOk26cv16mNFpFJfI1N'
    '3OC5lUsZQtKGR01ptJoWijYKccqhkAKuo902tg/qup58J5kflNm7I61sy1mJon6SGqNUSf'
    'oQagqtBH6vd/tU1jnlwZ03uUroAL Generated-by-Nova\n')
SAMPLE_FINGERPRINT = '44:fe:29:6e:23:14:b9:53:5b:65:82:58:1c:fe:5a:c3'


def _colon_hex(digest):
    return ':'.join(digest[i:i + 2] for i in range(0, len(digest), 2))


def test_fingerprint_of_an_ssh_key_is_novas():
    assert crypto.generate_fingerprint(SAMPLE_PUBLIC_KEY) == \
        SAMPLE_FINGERPRINT


@pytest.mark.parametrize('public_key', [
    'ssh-rsa', 'ssh-rsa AAAA', 'not a key', '',
    SAMPLE_PUBLIC_KEY.replace('ssh-rsa', 'ssh-dss'),
])
def test_fingerprint_of_something_else_is_invalid(public_key):
    with pytest.raises(exception.InvalidKeypair) as err:
        crypto.generate_fingerprint(public_key)

    assert err.value.format_message() == (
        'Keypair data is invalid: failed to generate fingerprint')


def test_a_generated_key_pair_is_an_rsa_key_in_openssh_format():
    private_pem, public_key, fingerprint = crypto.generate_key_pair()

    private_key = serialization.load_pem_private_key(private_pem.encode(),
                                                     password=None)
    assert private_key.key_size == 2048
    assert private_pem.startswith('-----BEGIN RSA PRIVATE KEY-----')
    key_type, blob, comment = public_key.split(' ')
    assert (key_type, comment) == ('ssh-rsa', 'Generated-by-Nova')
    assert private_key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode() == \
        '%s %s' % (key_type, blob)
    assert fingerprint == _colon_hex(
        hashlib.md5(base64.b64decode(blob)).hexdigest())


def test_two_generated_key_pairs_differ():
    assert crypto.generate_key_pair()[1] != crypto.generate_key_pair()[1]


def _upn(cert):
    san = cert.extensions.get_extension_for_class(
        x509.SubjectAlternativeName).value
    [other_name] = san.get_values_for_type(x509.OtherName)
    assert other_name.type_id.dotted_string == '1.3.6.1.4.1.311.20.2.3'
    return other_name.value


def _der_utf8_string(value):
    """The text of a short DER UTF8String, checking tag and length."""
    assert value[0] == 0x0c
    assert value[1] == len(value) - 2
    return value[2:].decode('utf-8')


def test_a_winrm_certificate_is_a_client_certificate_of_the_user():
    bundle, certificate, fingerprint = crypto.generate_winrm_x509_cert(
        'demo')

    cert = x509.load_pem_x509_certificate(certificate.encode())
    assert cert.subject.get_attributes_for_oid(
        oid.NameOID.COMMON_NAME)[0].value == 'demo'
    assert cert.issuer == cert.subject
    usage = cert.extensions.get_extension_for_class(
        x509.ExtendedKeyUsage).value
    assert list(usage) == [oid.ExtendedKeyUsageOID.CLIENT_AUTH]
    assert _der_utf8_string(_upn(cert)) == 'demo@localhost'
    assert (cert.not_valid_after_utc - cert.not_valid_before_utc).days == \
        3650


def test_a_winrm_bundle_holds_the_key_of_the_certificate():
    bundle, certificate, fingerprint = crypto.generate_winrm_x509_cert(
        'demo')

    key, cert, _cas = pkcs12.load_key_and_certificates(
        base64.b64decode(bundle), None)
    assert cert.public_bytes(serialization.Encoding.PEM).decode() == \
        certificate
    assert key.public_key().public_numbers() == \
        cert.public_key().public_numbers()


def test_x509_fingerprint_is_the_sha1_of_the_certificate():
    certificate = crypto.generate_winrm_x509_cert('demo')[1]
    der = base64.b64decode(''.join(
        line for line in certificate.splitlines()
        if not line.startswith('-----')))

    assert crypto.generate_x509_fingerprint(certificate) == _colon_hex(
        hashlib.sha1(der).hexdigest())


def test_x509_fingerprint_of_something_else_is_invalid():
    with pytest.raises(exception.InvalidKeypair) as err:
        crypto.generate_x509_fingerprint(SAMPLE_PUBLIC_KEY)

    assert err.value.format_message().startswith(
        'Keypair data is invalid: failed to generate X509 fingerprint. '
        'Error message: ')
