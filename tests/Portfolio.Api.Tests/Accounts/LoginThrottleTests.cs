using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Accounts;

// Failed logins are throttled per username from one address, per username from anywhere (a higher
// limit) and per client address, in a short window here; each test comes from its own addresses
// so that the tests do not spend each other's failures.
public sealed class LoginThrottleTests(LoginThrottleTests.Factory api) : IClassFixture<LoginThrottleTests.Factory>
{
    private const string Password = "throttle passphrase";

    private static string NewAddress() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    private Task<HttpResponseMessage> LoginAsync(string address, string username, string password) =>
        LoginAsync(api, address, username, password);

    private static Task<HttpResponseMessage> LoginAsync(ApiFactory instance, string address, string username, string password) =>
        instance.ClientFrom(address).PostAsync("/api/auth/token", Drf.Json(Login.Body(username, password)));

    // Guesses until the first 429; a window that ends mid-way allows up to twice the limit.
    private async Task<(int Failures, HttpResponseMessage Throttled)> GuessUntilThrottledAsync(string address, Func<int, string> username, int limit)
    {
        for (var failures = 0; failures <= 2 * limit; failures++)
        {
            var response = await LoginAsync(address, username(failures), "a wrong guess");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return (failures, response);
            }

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        throw new Xunit.Sdk.XunitException($"no 429 after {(2 * limit) + 1} failed logins");
    }

    private static async Task<int> AssertThrottledAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var seconds = int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, (int)Math.Ceiling(Factory.Window.TotalSeconds) + 1);
        var unit = seconds == 1 ? "second" : "seconds";
        await Drf.AssertErrorAsync(response, HttpStatusCode.TooManyRequests, $"Request was throttled. Expected available in {seconds} {unit}.");
        return seconds;
    }

    [Fact]
    public async Task Failures_for_one_username_from_one_address_are_answered_429_there_and_the_right_password_works_after_the_window()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);
        var address = NewAddress();

        var (failures, throttled) = await GuessUntilThrottledAsync(address, _ => user.Username, Factory.PermitLimit);

        Assert.InRange(failures, Factory.PermitLimit, 2 * Factory.PermitLimit);
        var wait = await AssertThrottledAsync(throttled);
        await AssertThrottledAsync(await LoginAsync(address, user.Username, Password));

        await Task.Delay(TimeSpan.FromSeconds(wait));

        await Login.KeyFromAsync(await LoginAsync(address, user.Username, Password));
    }

    // A stranger who knows a real user's name must not be able to lock that user out.
    [Fact]
    public async Task While_a_spray_at_a_username_is_refused_the_right_password_from_another_address_gets_in()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);
        var stranger = NewAddress();

        var (_, throttled) = await GuessUntilThrottledAsync(stranger, _ => user.Username, Factory.PermitLimit);
        await AssertThrottledAsync(throttled);
        var stillRefused = await LoginAsync(stranger, user.Username, "another wrong guess");
        var owner = await LoginAsync(NewAddress(), user.Username, Password);

        await AssertThrottledAsync(stillRefused);
        await Login.KeyFromAsync(owner);
    }

    [Fact]
    public async Task Failures_for_one_username_spread_over_many_addresses_are_refused_at_the_username_limit()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);

        var checkedGuesses = 0;
        HttpResponseMessage response;
        while ((response = await LoginAsync(NewAddress(), user.Username, "a wrong guess")).StatusCode == HttpStatusCode.BadRequest)
        {
            checkedGuesses++;
            Assert.True(checkedGuesses <= 2 * Factory.UsernamePermitLimit, $"no 429 after {checkedGuesses} failed logins");
        }

        Assert.InRange(checkedGuesses, Factory.UsernamePermitLimit, 2 * Factory.UsernamePermitLimit);
        await AssertThrottledAsync(response);
        await AssertThrottledAsync(await LoginAsync(NewAddress(), user.Username, Password));
    }

    [Fact]
    public async Task Failures_across_usernames_from_one_address_are_answered_429_for_that_address_only()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);
        var address = NewAddress();

        var (failures, throttled) = await GuessUntilThrottledAsync(address, i => $"nobody-{i}-{Guid.NewGuid():N}", Factory.AddressPermitLimit);

        Assert.InRange(failures, Factory.AddressPermitLimit, 2 * Factory.AddressPermitLimit);
        await AssertThrottledAsync(throttled);
        await AssertThrottledAsync(await LoginAsync(address, user.Username, Password));
        await Login.KeyFromAsync(await LoginAsync(NewAddress(), user.Username, Password));
    }

    [Fact]
    public async Task Successful_logins_are_never_counted()
    {
        var address = NewAddress();
        var users = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => api.CreateUserAsync(Role.Plain, Password)));

        for (var round = 0; round < Factory.AddressPermitLimit; round++)
        {
            foreach (var user in users)
            {
                await Login.KeyFromAsync(await LoginAsync(address, user.Username, Password));
            }
        }
    }

    // Parallel guesses from many addresses: without one check at a time per username, all of
    // them would pass the check before the first failure was counted. The thread pool starts
    // with one thread per core; without more, the password checks would barely overlap.
    [Fact]
    public async Task A_parallel_burst_of_guesses_gets_no_more_tries_than_the_limit()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(64, completionPorts);
        HttpResponseMessage[] responses;
        try
        {
            responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => LoginAsync(NewAddress(), user.Username, "a wrong guess")));
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, completionPorts);
        }

        var checkedGuesses = responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest);
        Assert.InRange(checkedGuesses, 1, 2 * Factory.UsernamePermitLimit);
        Assert.Equal(30 - checkedGuesses, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
    }

    // Instances keep no count of their own: failures through one are refused through the other.
    [Fact]
    public async Task Failures_through_one_instance_count_on_another()
    {
        using var second = api.SecondInstance();
        var user = await api.CreateUserAsync(Role.Plain, Password);
        var address = NewAddress();

        for (var failure = 0; failure < Factory.PermitLimit; failure++)
        {
            var response = await LoginAsync(failure % 2 == 0 ? api : second, address, user.Username, "a wrong guess");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        await AssertThrottledAsync(await LoginAsync(second, address, user.Username, Password));
        await AssertThrottledAsync(await LoginAsync(api, address, user.Username, Password));
    }

    public sealed class Factory : ApiFactory
    {
        public const int PermitLimit = 3;
        public const int UsernamePermitLimit = 8;
        public const int AddressPermitLimit = 6;

        // Long enough that a loaded machine fits a limit's worth of failures into one window.
        public static readonly TimeSpan Window = TimeSpan.FromSeconds(4);

        public Factory()
        {
        }

        private Factory(ApiFactory sameDataAs)
            : base(sameDataAs)
        {
        }

        public override ApiFactory SecondInstance() => new Factory(this);

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Accounts:LoginThrottle:PermitLimit"] = PermitLimit.ToString(CultureInfo.InvariantCulture),
            ["Accounts:LoginThrottle:UsernamePermitLimit"] = UsernamePermitLimit.ToString(CultureInfo.InvariantCulture),
            ["Accounts:LoginThrottle:AddressPermitLimit"] = AddressPermitLimit.ToString(CultureInfo.InvariantCulture),
            ["Accounts:LoginThrottle:Window"] = Window.ToString(),
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            ClientAddress.TakeFromHeader(builder);
        }
    }
}
