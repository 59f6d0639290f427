using MudBlazor;

namespace Werkbon.Server.Components.Shared;

/// <summary>Asks "are you sure?" with <see cref="ConfirmDialog"/> before a step that cannot be undone.</summary>
public static class Confirm
{
    public static async Task<bool> AskAsync(this IDialogService dialogs, string title, string message, string yes, string no)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Message, message },
            { d => d.Yes, yes },
            { d => d.No, no },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, CloseOnEscapeKey = true });
        return await dialog.Result is { Canceled: false };
    }
}
