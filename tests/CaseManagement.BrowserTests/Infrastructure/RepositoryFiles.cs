namespace CaseManagement.BrowserTests.Infrastructure;

/// <summary>Files of the checkout the tests read (vendored files) or write (the screenshots in docs/).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CaseManagement.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CaseManagement.sln above {AppContext.BaseDirectory}: the browser tests run from a checkout.");
    }
}
