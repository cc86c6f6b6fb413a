namespace CaseManagement.Shops.Detection;

public enum ExportSignKind
{
    /// <summary>An Analytics CSV export, run as Action Scheduler hook <c>wc-admin_report_export</c>.</summary>
    WooCommerceReportExport,

    /// <summary>A WordPress privacy "export personal data" request (posts, post_type <c>user_request</c>).</summary>
    WordPressPersonalDataExport,

    /// <summary>A Magento bulk operation (magento_bulk).</summary>
    MagentoBulkOperation,

    /// <summary>A Magento export queued on the MySQL queue (queue_message, topic <c>import_export.export</c>).</summary>
    MagentoQueuedExport,
}

/// <summary>A trace that data left the shop in bulk, or was asked to.</summary>
/// <param name="At">UTC; null where the table has no time (Magento's queue_message).</param>
/// <param name="UserId">Magento: the user who started the bulk. WordPress privacy export: the registered user whose data it covers (not who asked).</param>
/// <param name="Detail">The raw description: action arguments, the privacy request's email, the bulk description, the queued message body (cut to 500 characters).</param>
public sealed record ExportSign(
    ExportSignKind Kind,
    string Id,
    DateTimeOffset? At,
    string? Status,
    long? UserId,
    string? Detail,
    string Why,
    string? Note = null);
