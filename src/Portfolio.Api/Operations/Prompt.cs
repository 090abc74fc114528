using System.Text;

namespace Portfolio.Api.Operations;

internal static class Prompt
{
    public static string Line(string label)
    {
        Console.Write(label);
        return Console.ReadLine()?.Trim() ?? throw new CommandFailedException("No input.");
    }

    public static string NewPassword()
    {
        var password = Hidden("Password: ");
        if (password != Hidden("Password (again): "))
        {
            throw new CommandFailedException("Error: Your passwords didn't match.");
        }

        return password;
    }

    // Typed characters are not echoed on a terminal; piped input is read as a plain line.
    private static string Hidden(string label)
    {
        Console.Write(label);
        if (Console.IsInputRedirected)
        {
            return Console.ReadLine() ?? throw new CommandFailedException("No input.");
        }

        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
