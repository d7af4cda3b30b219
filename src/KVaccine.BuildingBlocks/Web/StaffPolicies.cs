using Microsoft.AspNetCore.Authorization;

namespace KVaccine.BuildingBlocks.Web;

/// <summary>
/// Who may call the staff routes. Citizens identify themselves by name and RRN on each call and need no token;
/// hospital routes need <see cref="HospitalStaffRole"/>; stock and /admin need <see cref="AdminRole"/>; hospital
/// staff may also read the dashboard.
/// </summary>
public static class StaffPolicies
{
    public const string HospitalStaffRole = "HospitalStaff";
    public const string AdminRole = "Admin";

    public const string HospitalStaff = nameof(HospitalStaff);
    public const string Admin = nameof(Admin);
    public const string DashboardReader = nameof(DashboardReader);

    public static AuthorizationBuilder AddStaffPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(HospitalStaff, p => p.RequireRole(HospitalStaffRole))
        .AddPolicy(Admin, p => p.RequireRole(AdminRole))
        .AddPolicy(DashboardReader, p => p.RequireRole(AdminRole, HospitalStaffRole));
}
