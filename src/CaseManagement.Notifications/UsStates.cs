namespace CaseManagement.Notifications;

/// <summary>US states and DC by the jurisdiction codes the obligations engine uses ("US-TX").</summary>
internal static class UsStates
{
    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["US-AL"] = "Alabama", ["US-AK"] = "Alaska", ["US-AZ"] = "Arizona", ["US-AR"] = "Arkansas", ["US-CA"] = "California",
        ["US-CO"] = "Colorado", ["US-CT"] = "Connecticut", ["US-DE"] = "Delaware", ["US-DC"] = "the District of Columbia",
        ["US-FL"] = "Florida", ["US-GA"] = "Georgia", ["US-HI"] = "Hawaii", ["US-ID"] = "Idaho", ["US-IL"] = "Illinois",
        ["US-IN"] = "Indiana", ["US-IA"] = "Iowa", ["US-KS"] = "Kansas", ["US-KY"] = "Kentucky", ["US-LA"] = "Louisiana",
        ["US-ME"] = "Maine", ["US-MD"] = "Maryland", ["US-MA"] = "Massachusetts", ["US-MI"] = "Michigan", ["US-MN"] = "Minnesota",
        ["US-MS"] = "Mississippi", ["US-MO"] = "Missouri", ["US-MT"] = "Montana", ["US-NE"] = "Nebraska", ["US-NV"] = "Nevada",
        ["US-NH"] = "New Hampshire", ["US-NJ"] = "New Jersey", ["US-NM"] = "New Mexico", ["US-NY"] = "New York",
        ["US-NC"] = "North Carolina", ["US-ND"] = "North Dakota", ["US-OH"] = "Ohio", ["US-OK"] = "Oklahoma", ["US-OR"] = "Oregon",
        ["US-PA"] = "Pennsylvania", ["US-RI"] = "Rhode Island", ["US-SC"] = "South Carolina", ["US-SD"] = "South Dakota",
        ["US-TN"] = "Tennessee", ["US-TX"] = "Texas", ["US-UT"] = "Utah", ["US-VT"] = "Vermont", ["US-VA"] = "Virginia",
        ["US-WA"] = "Washington", ["US-WV"] = "West Virginia", ["US-WI"] = "Wisconsin", ["US-WY"] = "Wyoming",
    };

    public static bool IsState(string jurisdiction) => Names.ContainsKey(jurisdiction);

    /// <exception cref="ArgumentException">Not a US state code.</exception>
    public static string Name(string jurisdiction) =>
        Names.TryGetValue(jurisdiction, out var name)
            ? name
            : throw new ArgumentException($"'{jurisdiction}' is not a US state code such as US-TX", nameof(jurisdiction));
}
