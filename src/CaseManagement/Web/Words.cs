namespace CaseManagement.Web;

/// <summary>Wire names ("no-notification-owed") as words a person reads ("no notification owed").</summary>
public static class Words
{
    public static string Of(string wire) => wire.Replace('-', ' ');
}
