namespace CaseManagement.Security.Pii;

/// <summary>A data subject's key encrypted (AES-256-GCM) under the master key <paramref name="MasterKeyId"/>.</summary>
public sealed record WrappedKey(string MasterKeyId, byte[] Nonce, byte[] Ciphertext, byte[] Tag);
