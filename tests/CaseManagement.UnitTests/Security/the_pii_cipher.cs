using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaseManagement.Security.Pii;
using FluentAssertions;
using static CaseManagement.UnitTests.Security.PiiKeys;

namespace CaseManagement.UnitTests.Security;

/// <summary>Field-level encryption of one value under a data subject's key.</summary>
public class the_pii_cipher
{
    private const string Subject = "subj_a";
    private const string Name = "Zoë Ødegård 山田太郎 👩‍💻";

    [Fact]
    public void a_value_decrypts_to_exactly_the_text_that_was_encrypted_including_multi_byte_characters()
    {
        var key = DataKey();

        var decrypted = PiiCipher.Decrypt(PiiCipher.Encrypt(Subject, key, Name), key);

        decrypted.Should().Be(Name, "names, addresses and emails come in every script and with emoji");
    }

    [Fact]
    public void an_empty_value_round_trips()
    {
        var key = DataKey();

        PiiCipher.Decrypt(PiiCipher.Encrypt(Subject, key, ""), key).Should().Be("", "an empty field is still a field");
    }

    [Fact]
    public void the_stored_value_contains_no_plaintext_bytes()
    {
        var value = PiiCipher.Encrypt(Subject, DataKey(), Name);
        var stored = Convert.FromBase64String(value.Ciphertext);

        Contains(stored, Encoding.UTF8.GetBytes(Name)).Should().BeFalse("plaintext PII must never be stored");
        Contains(stored, Encoding.UTF8.GetBytes("Ødegård")).Should().BeFalse("not even a part of it");
    }

    [Fact]
    public void encrypting_the_same_value_twice_gives_different_ciphertexts()
    {
        var key = DataKey();

        var first = PiiCipher.Encrypt(Subject, key, Name);
        var second = PiiCipher.Encrypt(Subject, key, Name);

        second.Nonce.Should().NotBe(first.Nonce, "every encryption draws a fresh random nonce");
        second.Ciphertext.Should().NotBe(first.Ciphertext, "equal ciphertexts would reveal that two people share a name");
    }

    [Fact]
    public void a_tampered_ciphertext_is_rejected()
    {
        var key = DataKey();
        var value = PiiCipher.Encrypt(Subject, key, Name);

        var tampered = value with { Ciphertext = FlipFirstBit(value.Ciphertext) };

        FluentActions.Invoking(() => PiiCipher.Decrypt(tampered, key))
            .Should().Throw<CryptographicException>("the GCM tag authenticates every ciphertext byte");
    }

    [Fact]
    public void a_tampered_nonce_is_rejected()
    {
        var key = DataKey();
        var value = PiiCipher.Encrypt(Subject, key, Name);

        var tampered = value with { Nonce = FlipFirstBit(value.Nonce) };

        FluentActions.Invoking(() => PiiCipher.Decrypt(tampered, key))
            .Should().Throw<CryptographicException>("a different nonce yields a different key stream and a failing tag");
    }

    [Fact]
    public void a_value_that_is_not_base64_is_rejected_as_a_cryptographic_failure()
    {
        var key = DataKey();
        var value = PiiCipher.Encrypt(Subject, key, Name) with { Ciphertext = "not base64!" };

        FluentActions.Invoking(() => PiiCipher.Decrypt(value, key))
            .Should().Throw<CryptographicException>("callers handle every unreadable value the same way");
    }

    [Fact]
    public void a_value_does_not_decrypt_with_another_key()
    {
        var value = PiiCipher.Encrypt(Subject, DataKey(), Name);

        FluentActions.Invoking(() => PiiCipher.Decrypt(value, DataKey()))
            .Should().Throw<CryptographicException>("only the subject's own key opens their data");
    }

    [Fact]
    public void a_value_of_one_subject_does_not_decrypt_as_another_subject_even_with_the_right_key_bytes()
    {
        var keyOfA = DataKey();
        var valueOfA = PiiCipher.Encrypt("subj_a", keyOfA, Name);

        var relabelled = valueOfA with { SubjectId = "subj_b" };

        FluentActions.Invoking(() => PiiCipher.Decrypt(relabelled, keyOfA))
            .Should().Throw<CryptographicException>("the subject id is bound as associated data, so a value cannot be moved to another person");
    }

    [Fact]
    public void an_unknown_version_is_rejected()
    {
        var key = DataKey();
        var value = PiiCipher.Encrypt(Subject, key, Name) with { Version = 2 };

        FluentActions.Invoking(() => PiiCipher.Decrypt(value, key))
            .Should().Throw<CryptographicException>("a version this code does not know cannot be read correctly");
    }

    [Fact]
    public void a_protected_value_serializes_to_camel_case_json_and_back_unchanged()
    {
        var value = PiiCipher.Encrypt(Subject, DataKey(), Name);
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var json = JsonSerializer.Serialize(value, web);
        var back = JsonSerializer.Deserialize<ProtectedValue>(json, web);

        json.Should().Contain("\"subjectId\":").And.Contain("\"nonce\":").And.Contain("\"ciphertext\":")
            .And.Contain("\"version\":1", "events and documents store it as plain camelCase JSON");
        back.Should().Be(value, "a stored value must read back exactly");
    }

    private static string FlipFirstBit(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[0] ^= 1;
        return Convert.ToBase64String(bytes);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
