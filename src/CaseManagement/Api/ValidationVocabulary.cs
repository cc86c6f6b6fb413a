namespace CaseManagement.Api;

public static class ValidationVocabulary
{
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
