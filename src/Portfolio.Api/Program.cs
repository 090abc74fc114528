using Portfolio.Api.Accounts;
using Portfolio.Api.Admin;
using Portfolio.Api.Audit;
using Portfolio.Api.Data;
using Portfolio.Api.Data.Postgres;
using Portfolio.Api.Employers;
using Portfolio.Api.Http;
using Portfolio.Api.Media;
using Portfolio.Api.Operations;

if (Cli.IsCommand(args))
{
    return await Cli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddHttpDefaults();
builder.AddData();
builder.AddAccounts();
builder.Services.AddTokenAuthentication();
builder.AddMedia();
builder.AddEmployers();
builder.AddAudit();
builder.AddAuditRetention();
builder.AddOpenApiDocument();
builder.AddAdmin();
builder.Services.AddHostedService<DatabaseStartup>();

var app = builder.Build();
app.UseCheckedForwardedHeaders();
app.UseDrfErrors();
app.UseMedia();
app.UseHeadAsGet();
app.UseRouting(); // here, not first: a HEAD is matched as the GET it became
app.UseOpenApiDocument();
app.UsePoolAdmission();
app.UseDataGeneration();
app.UseAuthentication();
app.UseAuthorization();
app.UseAdmin();

app.MapOperations();
app.MapAccounts();
app.MapEmployers();
app.MapMedia();
app.MapAudit();
app.MapAdmin();
app.MapMethodFallbacks();

await app.RunAsync();
return 0;

public partial class Program;
