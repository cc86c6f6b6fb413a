namespace CaseManagement.ShopGeneration;

/// <summary>
/// Hash-based values derived from an id, so writers fill incidental columns (order keys, transaction ids,
/// password hashes) the same way on every run without carrying random state between batches.
/// </summary>
internal static class StableRandom
{
    private const string Alphanumeric = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Hex = "0123456789abcdef";
    private const string CryptBase64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>SplitMix64 finaliser: a well-mixed 64-bit value for each input.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Mix(long id, ulong salt) => Mix(unchecked((ulong)id * 0x2545F4914F6CDD1DUL) ^ Mix(salt));

    /// <summary>A stable 64-bit hash of a string (string.GetHashCode differs between processes).</summary>
    public static ulong Fold(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return hash;
    }

    public static int Seed(int seed, ulong salt, long index) => unchecked((int)Mix(index, salt ^ (uint)seed));

    public static string Alnum(long id, ulong salt, int length) => Text(id, salt, length, Alphanumeric);

    public static string HexString(long id, ulong salt, int length) => Text(id, salt, length, Hex);

    public static string Crypt(long id, ulong salt, int length) => Text(id, salt, length, CryptBase64);

    public static int Below(long id, ulong salt, int exclusiveMax) => (int)(Mix(id, salt) % (ulong)exclusiveMax);

    private static string Text(long id, ulong salt, int length, string alphabet) =>
        string.Create(length, (id, salt, alphabet), static (span, state) =>
        {
            var value = Mix(state.id, state.salt);
            for (var i = 0; i < span.Length; i++)
            {
                if (i % 8 == 0 && i > 0)
                {
                    value = Mix(value);
                }

                span[i] = state.alphabet[(int)((value >> (i % 8 * 8)) % (ulong)state.alphabet.Length)];
            }
        });
}
