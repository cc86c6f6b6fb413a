namespace CaseManagement.Api;

public static class ValidationVocabulary
{
    /// <summary>
    /// ?page= and ?pageSize=: pages count from 1, and only as far as the offset of a page's first row still fits a whole
    /// number at the largest page size; beyond that the offset would overflow and the request fail instead of being answered.
    /// </summary>
    public static Validation Pages(this Validation validation, int? page, int? pageSize, int maxPageSize, string unit = "")
    {
        var lastPage = int.MaxValue / maxPageSize;
        if (page is { } number && (number < 1 || number > lastPage))
        {
            validation.Add("page", $"must be between 1 and {lastPage}");
        }

        return pageSize is { } size && (size < 1 || size > maxPageSize) ? validation.Add("pageSize", $"must be between 1 and {maxPageSize}{unit}") : validation;
    }

    public static Validation Contact(this Validation validation, string field, Security.Pii.ContactDetails? contact)
    {
        if (contact is null)
        {
            return validation;
        }

        validation.Required($"{field}.email", contact.Email, 320).Optional($"{field}.name", contact.Name, 200);
        return contact.Email is { } email && !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _)
            ? validation.Add($"{field}.email", "is not an email address")
            : validation;
    }

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
