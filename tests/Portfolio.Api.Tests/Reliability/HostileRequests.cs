using System.Globalization;
using CsCheck;

namespace Portfolio.Api.Tests.Reliability;

// The requests of each fuzzed surface, aimed at the rows the target holds.
internal sealed class HostileRequests(FuzzTarget target)
{
    private const string Employers = "/api/portfolios/employers";
    private const string Media = "/api/core/media";

    private static readonly Gen<Caller> Writer = Gen.Frequency((6, Gen.Const(Caller.Staff)), (2, Gen.Const(Caller.Admin)), (1, Gen.Const(Caller.Anonymous)));

    private static readonly Gen<string> JsonContentType = Gen.Frequency(
        (10, Gen.Const("application/json")),
        (1, Gen.OneOf(
            "application/json; charset=utf-8", "application/json; charset=utf-16", "application/json; charset=latin1", "APPLICATION/JSON", "application/json;;;",
            "application/json; boundary=x", "application/jsonx", "text/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
            "multipart/form-data; boundary=x", "*/*", "", ";", "application/", "application/json; charset=\"")),
        (1, HostileText.HeaderValue));

    private string Employer => $"{Employers}/{target.EmployerId}";

    // Employer create, replace and change; login (JSON and forms); user create and change.
    public Gen<FuzzRequest> JsonBodies => Gen.Frequency(
        (4, Gen.Select(Writer, HostileJson.Document, JsonContentType, (caller, body, type) => new FuzzRequest("POST", Employers, caller, body, type))),
        (3, Gen.Select(Gen.OneOf("PUT", "PATCH"), Writer, HostileJson.Document, JsonContentType, (method, caller, body, type) =>
            new FuzzRequest(method, Employer, caller, body, type))),
        (2, Gen.Select(HostileJson.Document, JsonContentType, (body, type) => new FuzzRequest("POST", "/api/auth/token", Caller.Anonymous, body, type))),
        (1, HostileJson.Form.Select(body => new FuzzRequest("POST", "/api/auth/token", Caller.Anonymous, body, "application/x-www-form-urlencoded"))),
        (2, Gen.Select(HostileJson.Document, JsonContentType, (body, type) => new FuzzRequest("POST", "/api/users", Caller.Admin, body, type))),
        (1, Gen.Select(HostileJson.Document, JsonContentType, (body, type) => new FuzzRequest("PATCH", $"/api/users/{target.UserId}", Caller.Admin, body, type))));

    // The upload endpoint mostly; the employer endpoints, which take JSON only, now and then.
    public Gen<FuzzRequest> Multipart => Gen.Select(
        Gen.Frequency((8, Gen.Const(Media)), (1, Gen.Const(Media + "/")), (1, Gen.Const(Employers)), (1, Gen.Const(Employer)), (1, Gen.Const("/api/auth/token"))),
        Gen.Frequency((8, Gen.Const(Caller.Staff)), (1, Gen.Const(Caller.Anonymous))),
        HostileMultipart.Form,
        (path, caller, form) => new FuzzRequest(path == Employer ? "PATCH" : "POST", path, caller, form.Body, form.ContentType));

    // Authorization, content negotiation, conditional requests and forwarded headers on reads and writes.
    public Gen<FuzzRequest> Headers => Gen.Select(
        Gen.OneOf(
            new FuzzRequest("GET", Employer, Caller.Anonymous),
            new FuzzRequest("GET", $"{Employers}?search=fuzz", Caller.Anonymous),
            new FuzzRequest("GET", $"{Media}/{target.MediaId}", Caller.Anonymous),
            new FuzzRequest("GET", "/api/auth/me", Caller.Anonymous),
            new FuzzRequest("GET", "/api/users", Caller.Anonymous),
            new FuzzRequest("GET", target.MediaFilePath, Caller.Anonymous),
            new FuzzRequest("PATCH", Employer, Caller.Anonymous, HostileText.Utf8("{\"description\": \"header fuzz\"}"), "application/json"),
            new FuzzRequest("GET", "/admin/employers", Caller.Console),
            new FuzzRequest("GET", "/readyz", Caller.Anonymous)),
        HeaderSet.Array[1, 6],
        (request, headers) => headers.Aggregate(request, (r, h) => h(r)));

    // Pagination, search, ordering and the audit trail's filters, of the API and the console.
    public Gen<FuzzRequest> Queries => Gen.Select(
        Gen.OneOf(
            (Employers, Caller.Staff), (Media, Caller.Staff), ("/api/users", Caller.Admin), ("/api/audit", Caller.Admin), ($"{Employer}/history", Caller.Staff),
            ("/admin/employers", Caller.Console), ("/admin/history", Caller.Console), ("/admin/media", Caller.Console), ("/admin/users", Caller.Console),
            ("/admin/signin", Caller.Anonymous), ("/admin/language", Caller.Console)),
        Gen.Select(
            Gen.OneOf("page", "page_size", "search", "ordering", "actor", "actor_id", "action", "object_type", "object_id", "since", "until", "returnUrl", "culture", "q", ""),
            Gen.Frequency((4, HostileText.UrlPart), (2, Numbers), (1, Gen.OneOf("last", "-name,id", "2026-01-13T09:55:00Z", "2026-13-45", "9999-12-31T23:59:59+14:00", "employer", "create")))).Array[0, 5],
        (endpoint, parameters) => new FuzzRequest("GET", $"{endpoint.Item1}?{string.Join('&', parameters.Select(p => $"{p.Item1}={p.Item2}"))}", endpoint.Item2));

    // Ids in paths: every method of every resource, with ids that are not ids; deletes never aim at the target's own rows.
    public static Gen<FuzzRequest> PathIds => Gen.Select(
        Gen.OneOf(
            ("GET", Employers, Caller.Staff), ("PUT", Employers, Caller.Staff), ("PATCH", Employers, Caller.Staff), ("DELETE", Employers, Caller.Staff),
            ("GET", Media, Caller.Staff), ("DELETE", Media, Caller.Staff), ("GET", "/api/users", Caller.Admin), ("PATCH", "/api/users", Caller.Admin),
            ("DELETE", "/api/users", Caller.Admin), ("GET", "/admin/employers", Caller.Console), ("GET", "/admin/users", Caller.Console), ("HEAD", Employers, Caller.Staff),
            ("OPTIONS", Employers, Caller.Staff), ("TRACE", Employers, Caller.Staff)),
        Gen.Frequency((3, HostileText.UrlPart), (2, Numbers)),
        Gen.OneOf("", "/", "/history", "//", "/logo", "/delete", "/.", "/%2e%2e"),
        (route, id, suffix) =>
        {
            var (method, path, caller) = route;
            var body = method is "PUT" or "PATCH" ? HostileText.Utf8("{\"name\": \"path fuzz\"}") : null;
            if (method == "DELETE" && long.TryParse(id, CultureInfo.InvariantCulture, out var number) && number < 1_000_000)
            {
                id = (number + 1_000_000).ToString(CultureInfo.InvariantCulture);
            }

            return new FuzzRequest(method, $"{path}/{id}{suffix}", caller, body, body is null ? null : "application/json");
        });

    private static Gen<string> Numbers => Gen.Frequency(
        (2, Gen.OneOf("0", "-1", "1", "01", "1.5", "1e3", "2_61", "+1", " 1", "1 ", "0x1", "9223372036854775807", "9223372036854775808", "99999999999999999999999", "%D9%A1", "%DB%B2%DB%B6%DB%B1", "%EF%BC%91")),
        (1, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Int[1_000_000, 2_000_000].Select(n => n.ToString(CultureInfo.InvariantCulture))));

    // Each adds a header, or replaces the caller's credentials.
    private Gen<Func<FuzzRequest, FuzzRequest>> HeaderSet => Gen.OneOf<Func<FuzzRequest, FuzzRequest>>(
        Gen.Select(Gen.OneOf("Token", "token", "TOKEN", "Bearer", "Basic", "Token\t", ""), Gen.OneOf(target.AdminToken, target.StaffToken, "", " ", "a b", "deadbeef"), HostileText.HeaderValue, Gen.Int[0, 2],
            (scheme, key, junk, form) => (Func<FuzzRequest, FuzzRequest>)(r => r.With("Authorization", form switch
            {
                0 => $"{scheme} {key}",
                1 => $"{scheme} {key}{junk}",
                _ => $"{scheme} {junk}",
            }))),
        Gen.Select(Gen.OneOf("Content-Type", "Accept", "Accept-Language", "Accept-Encoding", "If-None-Match", "If-Match", "If-Modified-Since", "Range", "If-Range", "Cookie", "Origin", "Expect", "Transfer-Encoding", "Content-Encoding", "X-HTTP-Method-Override"),
            Gen.Frequency((2, HostileText.HeaderValue), (1, Gen.OneOf("*", "\"\"", "W/\"x\"", "\"unterminated", "*/*;q=abc", "bytes=0-0,-1", "bytes=99999999999999999999-", "gzip", "br;q=2", "100-continue", "chunked", "fa;q=x, zz-ZZ-x-verylongsubtag", "portfolio_console=garbage; .AspNetCore.Culture=c%3Dxx%7Cuic%3Dyy", "DELETE"))),
            (name, value) => (Func<FuzzRequest, FuzzRequest>)(r => r.With(name, value))),
        Gen.Select(Gen.OneOf("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Prefix", "Forwarded"),
            Gen.Frequency((2, HostileText.HeaderValue), (1, Gen.OneOf("1.2.3.4, ::1", "[::1]:80", "999.1.1.1", "javascript", "https, http", "evil.example:99999", "[::1", "a b", "", ",,,", "host/with/path", "ftp"))),
            Gen.Bool,
            (name, value, fromProxy) => (Func<FuzzRequest, FuzzRequest>)(r =>
            {
                var forwarded = r.With(name, value);
                return fromProxy ? forwarded.With("X-Test-Client-Address", FuzzTarget.Proxy) : forwarded;
            })));
}
