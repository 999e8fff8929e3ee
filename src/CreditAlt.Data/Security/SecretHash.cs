using System.Security.Cryptography;
using System.Text;

namespace CreditAlt.Data.Security;

/// <summary>
/// Secrets (API keys, applicant tokens) are 256-bit random values; the database keeps only their SHA-256.
/// A slow password hash (PBKDF2, Argon2) protects low-entropy human passwords against guessing; a 256-bit
/// random secret cannot be guessed, so one fast SHA-256 is enough and keeps each request's lookup cheap.
/// </summary>
public static class SecretHash
{
    /// <summary>A new secret: <paramref name="prefix"/> then 43 characters of base64url (32 random bytes).</summary>
    public static string NewSecret(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
