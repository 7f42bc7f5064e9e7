using MixConsole.SurfaceSim.Cli;

return SimCli.Run(args, Console.Out, Console.Error);
