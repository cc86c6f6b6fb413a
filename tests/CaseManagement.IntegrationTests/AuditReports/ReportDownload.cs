using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Alba;
using CaseManagement.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace CaseManagement.IntegrationTests.AuditReports;

/// <summary>A report as a client receives it: the bytes and the headers that came with them.</summary>
public sealed record ReportDownload(byte[] Bytes, IHeaderDictionary Headers)
{
    public string Text => Encoding.UTF8.GetString(Bytes);

    public JsonNode Json => JsonNode.Parse(Bytes)!;

    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Bytes));

    public static async Task<ReportDownload> GetAsync(IAlbaHost host, IncidentApi caller, string url, int status = 200)
    {
        var result = await host.Scenario(x =>
        {
            x.Get.Url(url);
            caller.Authenticate(x);
            x.StatusCodeShouldBe(status);
        });
        using var copy = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(copy);
        return new ReportDownload(copy.ToArray(), result.Context.Response.Headers);
    }
}
