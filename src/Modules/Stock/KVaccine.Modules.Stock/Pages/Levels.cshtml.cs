using KVaccine.Modules.Stock.Inventory;
using KVaccine.Pages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Stock.Pages;

/// <summary>
/// <c>/dashboard/stock</c>, for an Admin (as <c>GET /stock</c> is): the doses on hand per vaccine type as a chart
/// with the low mark (<c>Stock:LowMark</c>), and a table beside it. Stock's own page: the dashboard's read model
/// knows bookings, not doses, so the page sits with the module that counts them.
/// </summary>
[Authorize(AuthenticationSchemes = StaffCookie.Scheme, Roles = KVaccine.BuildingBlocks.Web.StaffPolicies.AdminRole)]
internal sealed class LevelsPage(IMediator mediator, IOptionsMonitor<StockOptions> options) : PageModel
{
    public StockChart Chart { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Chart = new StockChart((await mediator.Send(new StockLevels.Query(), ct)).Value!, options.CurrentValue.LowMark);
}
