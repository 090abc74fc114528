using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portfolio.Api.Accounts;
using Portfolio.Api.Data;
using Portfolio.Api.Http;
using Portfolio.Api.Operations;

namespace Portfolio.Api.Media;

internal static class MediaApi
{
    private static readonly Func<AppDb, long, CancellationToken, Task<MediaImage?>> FindImage =
        EF.CompileAsyncQuery((AppDb db, long id, CancellationToken ct) => db.Images
            .AsNoTracking()
            .Include(i => i.Thumbnails)
            .FirstOrDefault(i => i.Id == id));

    public static void MapMedia(this IEndpointRouteBuilder app)
    {
        var media = app.MapGroup("/api/core/media")
            .RequireAuthorization(Policies.PortfolioEmployer)
            .WithTags("Media");

        media.MapPost("/", Upload)
            .WithName("UploadMedia")
            .WithSummary("Upload an image (multipart: file, optional name); answers the image with its four thumbnails.")
            .WithFormBody(file: "file", texts: "name")
            .Produces<ErrorBody>(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();
        media.MapGet("/", List).WithPagination().WithName("ListMedia").WithSummary("List images, paginated.");
        media.MapGet("/{id}", Retrieve).WithName("RetrieveMedia").WithSummary("Retrieve an image by its id.");
        media.MapDelete("/{id}", Delete).WithName("DeleteMedia").WithSummary("Delete an image and its files; employers using it get image_data null.");
    }

    private static async Task<Results<Created<ImageResponse>, BadRequest<ValidationErrors>, JsonHttpResult<ErrorBody>>> Upload(
        HttpRequest request, IOptions<MediaOptions> options, UploadBodies bodies, MediaLibrary library, MediaUrls urls, CancellationToken ct)
    {
        var read = await UploadForm.ReadAsync(request, options.Value, bodies, ct);
        if (read.FieldErrors is { } errors)
        {
            return DrfErrors.Invalid(errors);
        }

        if (read.Form is not { } form)
        {
            return DrfErrors.Detail(read.Status, read.Detail!);
        }

        var (row, refusal) = await library.UploadAsync(form, ct);
        if (row is null)
        {
            return DrfErrors.Field("file", refusal!);
        }

        var body = ImageResponse.From(row, urls.BaseFor(request));
        return TypedResults.Created($"/api/core/media/{row.Id}", body);
    }

    private static async Task<Results<Ok<Page<ImageResponse>>, NotFound<ErrorBody>>> List(
        AppDb db, MediaUrls urls, HttpRequest request, CancellationToken ct)
    {
        var baseUrl = urls.BaseFor(request);
        var images = db.Images.AsNoTracking().Include(i => i.Thumbnails).OrderBy(i => i.Id);
        return await Pagination.PageAsync(images, request, image => ImageResponse.From(image, baseUrl), ct);
    }

    private static async Task<Results<Ok<ImageResponse>, NotFound<ErrorBody>>> Retrieve(
        string id, AppDb db, MediaUrls urls, HttpRequest request, CancellationToken ct)
    {
        if (!ResourceId.TryParse(id, out var key) || await FindImage(db, key, ct) is not { } image)
        {
            return DrfErrors.NotFound();
        }

        return TypedResults.Ok(ImageResponse.From(image, urls.BaseFor(request)));
    }

    private static async Task<Results<NoContent, NotFound<ErrorBody>>> Delete(string id, MediaLibrary library, CancellationToken ct)
    {
        if (!ResourceId.TryParse(id, out var key) || !await library.DeleteAsync(key, ct))
        {
            return DrfErrors.NotFound();
        }

        return TypedResults.NoContent();
    }
}
