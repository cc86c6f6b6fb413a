using CaseManagement.Incidents;
using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Obligations.Facts;

/// <summary>The catalogue version an incident's duties are read from: the one it adopted, else the newest.</summary>
public static class IncidentCatalogue
{
    public static ObligationCatalogue Of(Incident incident) =>
        incident.CatalogueVersion is { } version ? CatalogueStore.Embedded.Get(version) : CatalogueStore.Embedded.Latest;
}

/// <summary>
/// Which of a rule's recipients an act told, from the wire words a request names (ADR 18): each named one must be a recipient
/// this kind of act can tell; none named means the only one there is, and is a problem when there are several.
/// </summary>
public static class NamedRecipients
{
    /// <param name="possible">The rule's recipients this kind of act can tell.</param>
    /// <param name="validation">Where problems are added, each under "recipients" or "recipients[i]".</param>
    public static IReadOnlyList<Recipient> Read(ObligationRule rule, IReadOnlyList<Recipient> possible, IReadOnlyList<string>? named, Validation validation)
    {
        var words = possible.Count > 0 ? string.Join(", ", possible.Select(ApiJson.WireName)) : "none: it names no one such an act tells";
        if (named is not { Count: > 0 })
        {
            if (possible.Count > 1)
            {
                validation.Add("recipients", $"{rule.Id} names several recipients ({words}); say which were told");
            }

            return possible.Count == 1 ? possible : [];
        }

        var told = new List<Recipient>();
        for (var i = 0; i < named.Count; i++)
        {
            if (ApiJson.TryParseWire<Recipient>(named[i], out var recipient) && possible.Contains(recipient))
            {
                told.Add(recipient);
            }
            else
            {
                validation.Add($"recipients[{i}]", $"'{named[i]}' is not a recipient of {rule.Id} this act can tell; one of: {words}");
            }
        }

        return [.. told.Distinct()];
    }
}
