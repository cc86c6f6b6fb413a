using System.Security.Cryptography;
using System.Text.Json;
using CaseManagement.Api;
using CaseManagement.Audit.Reports.Rendering;
using CaseManagement.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CaseManagement.Audit.Reports;

/// <summary>A report in one format, as the bytes that are served and hashed.</summary>
public sealed record RenderedReport(ReportFormat Format, byte[] Bytes)
{
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Bytes));

    public string ContentType => ContentTypeOf(Format);

    public static string ContentTypeOf(ReportFormat format) => format switch
    {
        ReportFormat.Json => "application/json; charset=utf-8",
        ReportFormat.Csv => "text/csv; charset=utf-8; header=present",
        ReportFormat.Html => "text/html; charset=utf-8",
        _ => "application/pdf",
    };
}

/// <summary>Who asks for a report: the actor recorded on the export, and the roles they held when they asked.</summary>
public sealed record ReportReader(string Actor, string Organisation, IReadOnlyList<string> Roles)
{
    public static ReportReader Of(HttpContext http) => new(CaseManagementClaims.ActorOf(http.User),
        CaseManagementClaims.OrganisationOf(http.User) ?? throw new InvalidOperationException("An authenticated caller carries an organisation."),
        [.. Security.Roles.All.Where(http.User.IsInRole)]);
}

/// <summary>The I/O edge every report export shares: the query, rendering in the asked format, and the answer.</summary>
public sealed class ReportExports(IOptions<JsonOptions> json, ChromiumPdf pdf)
{
    /// <summary>
    /// Reads ?format= and the instants strictly (ADR 4): an unreadable instant is a 400; an unknown format, or values that
    /// break <paramref name="rules"/>, a 422 listing every problem.
    /// </summary>
    public static IResult? Read(string? format, IReadOnlyList<ReportFormat> formats, IReadOnlyList<(string Name, string? Text)> instants,
        Action<Validation, IReadOnlyDictionary<string, DateTimeOffset>> rules, out ReportFormat chosen, out IReadOnlyDictionary<string, DateTimeOffset> parsed)
    {
        chosen = ReportFormat.Json;
        var values = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        parsed = values;
        foreach (var (name, text) in instants.Where(i => i.Text is not null))
        {
            if (!StrictInstantConverter.TryParse(text, out var value))
            {
                return Problems.InvalidInstantQuery(name, text!);
            }

            values[name] = value;
        }

        var validation = new Validation();
        if (format is not null && (!ApiJson.TryParseWire(format, out chosen) || !formats.Contains(chosen)))
        {
            validation.Add("format", $"'{format}' is not one of: {string.Join(", ", formats.Select(ApiJson.WireName))}");
        }

        rules(validation, values);
        return validation.IsValid ? null : Problems.Invalid(validation.Errors);
    }

    /// <summary>A report shows what was recorded by an instant that has passed; a later one would only guess.</summary>
    public static void NotInFuture(Validation validation, string name, DateTimeOffset? value, DateTimeOffset now)
    {
        if (value > now + Validation.AllowedClockSkew)
        {
            validation.Add(name, $"is in the future ({value.Value.UtcDateTime:O}); a report shows what was recorded by an instant that has passed");
        }
    }

    /// <summary>Null when the format can be produced here; otherwise the 501 that says how to enable it.</summary>
    public IResult? Unsupported(ReportFormat format) =>
        format == ReportFormat.Pdf && pdf.Unavailable() is { } why
            ? Results.Problem(title: "PDF export is not enabled on this server", detail: why, statusCode: StatusCodes.Status501NotImplemented)
            : null;

    /// <summary>The report in the asked format; a PDF is the HTML page printed by Chromium.</summary>
    public async Task<RenderedReport> RenderAsync<TReport>(ReportFormat format, TReport report, Func<TReport, byte[]> csv, Func<TReport, byte[]> html,
        CancellationToken ct) => new(format, format switch
    {
        ReportFormat.Json => JsonSerializer.SerializeToUtf8Bytes(report, json.Value.SerializerOptions),
        ReportFormat.Csv => csv(report),
        ReportFormat.Html => html(report),
        _ => await pdf.RenderAsync(html(report), ct),
    });

    public static IResult PdfFailed(PdfRenderingFailed failure) =>
        Results.Problem(title: "The PDF could not be rendered", detail: $"{failure.Message} Nothing was recorded; try again, or export html and print it.",
            statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>
    /// The bytes with their SHA-256 (the one recorded with the export); files other than JSON come as downloads, and the
    /// HTML page with a policy that lets its own stylesheet apply and nothing else.
    /// </summary>
    public static IResult Serve(HttpContext http, RenderedReport rendered, string fileStem)
    {
        http.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(rendered.Sha256))}:";
        http.Response.Headers["X-Content-SHA256"] = rendered.Sha256;
        if (rendered.Format == ReportFormat.Html)
        {
            http.Response.Headers.ContentSecurityPolicy = HtmlPage.ContentSecurityPolicy;
        }

        return rendered.Format == ReportFormat.Json
            ? Results.Bytes(rendered.Bytes, rendered.ContentType)
            : Results.File(rendered.Bytes, rendered.ContentType, $"{fileStem}.{ApiJson.WireName(rendered.Format)}");
    }

    /// <summary>What a report endpoint answers, for the OpenAPI document: the report in each of its formats, or why not.</summary>
    public static RouteHandlerBuilder Answers<TReport>(RouteHandlerBuilder route, IReadOnlyList<ReportFormat> formats)
    {
        route.Produces<TReport>(contentType: "application/json");
        foreach (var format in formats.Where(f => f != ReportFormat.Json))
        {
            route.Produces(StatusCodes.Status200OK, contentType: RenderedReport.ContentTypeOf(format));
        }

        route.ProducesProblem(StatusCodes.Status400BadRequest).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return formats.Contains(ReportFormat.Pdf)
            ? route.ProducesProblem(StatusCodes.Status501NotImplemented).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            : route;
    }

    /// <summary>A file name part for an instant: sortable, no characters file systems refuse.</summary>
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
