namespace CaseManagement.Shops.Scoping;

/// <summary>Counts people per jurisdiction and per data category as they stream past.</summary>
public sealed class ScopeTally
{
    private readonly Dictionary<string, long> _byJurisdiction = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byCategory = new(StringComparer.Ordinal);

    public long People { get; private set; }

    /// <summary>People with no usable country on any record: counted, but under no jurisdiction.</summary>
    public long ResidenceUnknown { get; private set; }

    public IReadOnlyDictionary<string, long> ByJurisdiction => _byJurisdiction;

    public IReadOnlyDictionary<string, long> ByCategory => _byCategory;

    public void Add(AffectedPerson person)
    {
        People++;
        if (person.Residence.Jurisdiction is { } code)
        {
            _byJurisdiction[code] = _byJurisdiction.GetValueOrDefault(code) + 1;
        }
        else
        {
            ResidenceUnknown++;
        }

        foreach (var category in person.DataCategories)
        {
            _byCategory[category] = _byCategory.GetValueOrDefault(category) + 1;
        }
    }
}
