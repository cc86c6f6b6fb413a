namespace CaseManagement.IntegrationTests.Alerts;

/// <summary>Alerts as the real senders write them (fields per the documents the built-in formats cite), with the parts a test varies.</summary>
public static class Payloads
{
    public static string Wazuh(string id, string agent = "shop-web-01", string srcip = "203.0.113.77", int level = 7, string group = "sql_injection") => $$$"""
        {"timestamp":"2026-11-20T08:14:03.512+0000","rule":{"level":{{{level}}},"description":"SQL injection attempt.","id":"31103","firedtimes":3,"mail":false,
         "groups":["web","accesslog","attack","{{{group}}}"]},"agent":{"id":"004","name":"{{{agent}}}","ip":"10.0.4.21"},"manager":{"name":"wazuh-manager"},
         "id":"{{{id}}}","full_log":"{{{srcip}}} - - [20/Nov/2026:08:14:03 +0000] \"GET /?s=1%27%20UNION%20SELECT HTTP/1.1\" 200 5120",
         "decoder":{"name":"web-accesslog"},"data":{"protocol":"GET","srcip":"{{{srcip}}}","id":"200"},"location":"/var/log/nginx/access.log"}
        """;

    public static string ModSecurity(string uniqueId, string host, string clientIp = "198.51.100.14") => $$$"""
        {"transaction":{"client_ip":"{{{clientIp}}}","time_stamp":"Fri Nov 20 08:31:12 2026","server_id":"a1b2c3","client_port":51544,
         "host_ip":"10.0.4.21","host_port":443,"unique_id":"{{{uniqueId}}}",
         "request":{"method":"POST","http_version":1.1,"uri":"/wp-admin/admin-ajax.php","headers":{"Host":"{{{host}}}","User-Agent":"curl/8.5.0"}},
         "response":{"http_code":403,"headers":{"Server":"nginx"}},
         "producer":{"modsecurity":"ModSecurity v3.0.12 (Linux)","connector":"ModSecurity-nginx v1.0.3","secrules_engine":"Enabled","components":["OWASP_CRS/4.3.0"]},
         "messages":[{"message":"SQL Injection Attack Detected via libinjection","details":{"match":"detected SQLi using libinjection.","reference":"v54,14",
           "ruleId":"942100","file":"REQUEST-942-APPLICATION-ATTACK-SQLI.conf","lineNumber":"46","data":"Matched Data: s&sos found within ARGS:id",
           "severity":"2","ver":"OWASP_CRS/4.3.0","rev":"","tags":["application-multi","attack-sqli"],"maturity":"0","accuracy":"0"}}]}}
        """;

    /// <summary>A WordPress security plugin's export as a shop might forward it, read through a generic mapping (<see cref="GenericMapping"/>).</summary>
    public static string Generic(string eventId, string user = "mallory") => $$$"""
        {"event":{"id":"{{{eventId}}}","at":1763626443,"type":"admin_created","summary":"New administrator account created",
         "level":"critical","actor":{"login":"{{{user}}}","ip":"203.0.113.9"} } }
        """;

    public static object GenericMapping => new
    {
        reference = new { path = "event.id" },
        occurredAt = new { path = "event.at", format = "unix-seconds" },
        title = new { path = "event.summary" },
        severity = new { path = "event.level", values = new[] { new { @is = "critical", to = "critical" }, new { @is = "warning", to = "medium" } }, @default = "low" },
        kind = new { path = "event.type", values = new[] { new { @is = "admin_created", to = "account-takeover" } }, @default = "other" },
        indicator = new { path = "event.actor.login" },
        signal = new { path = "event.type" },
    };
}
