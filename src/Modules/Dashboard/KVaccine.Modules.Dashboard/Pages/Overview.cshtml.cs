using KVaccine.Modules.Dashboard.Views;
using KVaccine.Pages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KVaccine.Modules.Dashboard.Pages;

/// <summary>
/// <c>/dashboard</c>, for operators (and staff, as the API's dashboard is): bookings by status, by vaccine type, by
/// site and by day, from the dashboard's read model (<see cref="DashboardSummary"/>, <see cref="BookingsByDay"/>).
/// </summary>
[Authorize(AuthenticationSchemes = StaffCookie.Scheme, Roles = StaffCookie.AnyStaffRole)]
internal sealed class OverviewPage(IMediator mediator) : PageModel
{
    public DashboardSummary.Summary Summary { get; private set; } = null!;

    public DayChart Chart { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Summary = (await mediator.Send(new DashboardSummary.Query(), ct)).Value!;
        Chart = new DayChart(await mediator.Send(new BookingsByDay.Query(), ct));
    }
}
