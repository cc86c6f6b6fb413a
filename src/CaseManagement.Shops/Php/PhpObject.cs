namespace CaseManagement.Shops.Php;

/// <summary>
/// A serialized object (<c>O:</c>), kept as data: nothing is instantiated. Property names are stored as PHP mangles
/// them (<c>"\0*\0name"</c> for protected, <c>"\0Class\0name"</c> for private), so they round-trip unchanged.
/// </summary>
public sealed record PhpObject(PhpString ClassName, PhpArray Properties) : PhpValue
{
    public PhpObject(string className, PhpArray properties)
        : this(new PhpString(className), properties)
    {
    }

    public PhpString ClassName { get; init => field = value ?? throw new ArgumentNullException(nameof(ClassName)); } =
        ClassName ?? throw new ArgumentNullException(nameof(ClassName));

    public PhpArray Properties { get; init => field = value ?? throw new ArgumentNullException(nameof(Properties)); } =
        Properties ?? throw new ArgumentNullException(nameof(Properties));
}
