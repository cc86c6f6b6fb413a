namespace CaseManagement.Notifications;

/// <summary>Text rules shared by notices and submissions.</summary>
internal static class PlainText
{
    /// <summary>\r\n and lone \r become \n, so the same text hashes the same whichever editor or OS it came from.</summary>
    public static string NormaliseLineEndings(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');
}
