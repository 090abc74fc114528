using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin;

// The console as a browser without JavaScript sees it: cookies kept, redirects shown, forms
// posted with the hidden fields that the page rendered.
internal sealed partial class ConsoleBrowser(ApiFactory api, string? language = null)
{
    private readonly CookieContainer _cookies = new();
    private HttpClient? _client;

    public HttpClient Client => _client ??= Create(api, language, _cookies);

    // Another browser holding this one's cookies as they are now, as a thief would; or the same
    // browser sent by the proxy to another instance of the service.
    public ConsoleBrowser Copy(ApiFactory? instance = null)
    {
        var copy = new ConsoleBrowser(instance ?? api, language);
        copy._cookies.Add(_cookies.GetAllCookies());
        return copy;
    }

    // The Cookie header this browser sends to a console path, for requests made without it.
    public string CookieHeader(string path) => _cookies.GetCookieHeader(new Uri(Client.BaseAddress!, path));

    private static HttpClient Create(ApiFactory api, string? language, CookieContainer cookies)
    {
        var client = api.CreateDefaultClient(new CookieContainerHandler(cookies));
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    public async Task<string> PageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    // Posts the form that `page` renders with the given handler name (or action), its hidden fields included.
    public Task<HttpResponseMessage> SubmitAsync(string path, string page, string handler, params (string Name, string Value)[] fields)
    {
        var form = HiddenFields(page, handler).Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return Client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    // Posts the page's multipart form with one file in its `file` input, as a file picker does.
    public Task<HttpResponseMessage> UploadAsync(string path, string page, string handler, string fileName, byte[] content)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in HiddenFields(page, handler))
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new ByteArrayContent(content), "file", fileName);
        return Client.PostAsync(path, form);
    }

    public async Task<HttpResponseMessage> SignInAsync(string username, string password, string returnUrl = "")
    {
        var path = returnUrl.Length == 0 ? "/admin/signin" : $"/admin/signin?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var page = await PageAsync(path);
        return await SubmitAsync(path, page, "signin", ("Form.Username", username), ("Form.Password", password));
    }

    // A new user of the role, signed in to a browser of their own.
    public static async Task<(ConsoleBrowser Browser, TestUser User)> SignedInAsync(ApiFactory api, Role role, string password, string language = "en")
    {
        var user = await api.CreateUserAsync(role, password);
        var browser = new ConsoleBrowser(api, language);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(user.Username, password)).StatusCode);
        return (browser, user);
    }

    public static IEnumerable<KeyValuePair<string, string>> HiddenFields(string page, string handler)
    {
        var form = FormPattern().Matches(page).FirstOrDefault(m => m.Value.Contains($"value=\"{handler}\"", StringComparison.Ordinal) || m.Value.Contains($"action=\"{handler}\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no form with handler {handler} on the page");
        return HiddenPattern().Matches(form.Value).Select(m => new KeyValuePair<string, string>(m.Groups["name"].Value, WebUtility.HtmlDecode(m.Groups["value"].Value)));
    }

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenPattern();
}
