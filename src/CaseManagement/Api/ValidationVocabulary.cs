namespace CaseManagement.Api;

public static class ValidationVocabulary
{
    public static Validation Within(this Validation validation, string field, IReadOnlyList<string>? values, IReadOnlyList<string> known)
    {
        if (values is null)
        {
            return validation;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!known.Contains(values[i]))
            {
                validation.Add($"{field}[{i}]", $"'{values[i]}' is not one of: {string.Join(", ", known)}");
            }
        }

        return validation;
    }
}
