namespace Werkbon.Server.Components.Shared;

/// <summary>How the back office opens its form dialogs.</summary>
public static class DialogSetup
{
    public static readonly MudBlazor.DialogOptions Form = new()
    {
        MaxWidth = MudBlazor.MaxWidth.Medium,
        FullWidth = true,
        CloseButton = true,
        BackdropClick = false,
        CloseOnEscapeKey = true,
    };
}
