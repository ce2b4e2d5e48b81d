# Get-Activation against the engine's floor, under real pwsh (compare.sh runs it with `dotnet pwsh`):
# `Get-Activation Sigmoid -Count N | ForEach-Object {}` over `1..N | ForEach-Object {}`, interleaved round by round in one
# process. Timed by the process's CPU time, which other jobs on a loaded machine do not inflate as they do wall time.
param([Parameter(Mandatory)] [string] $Manifest, [Parameter(Mandatory)] [string] $Out, [int] $Rounds = 7, [int] $Count = 1000000)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$self = [Diagnostics.Process]::GetCurrentProcess()
function Measure-Cpu([scriptblock] $Work) {
    $self.Refresh(); $cpu = $self.TotalProcessorTime; $wall = [Diagnostics.Stopwatch]::StartNew()
    & $Work
    $self.Refresh()
    [pscustomobject]@{ Cpu = ($self.TotalProcessorTime - $cpu).TotalSeconds; Wall = $wall.Elapsed.TotalSeconds }
}
$null = Measure-Cpu { Get-Activation Sigmoid -Count $Count | ForEach-Object {} }   # warm: JIT and tiering
$null = Measure-Cpu { 1..$Count | ForEach-Object {} }
$rows = foreach ($round in 1..$Rounds) {
    $floor = Measure-Cpu { 1..$Count | ForEach-Object {} }
    $points = Measure-Cpu { Get-Activation Sigmoid -Count $Count | ForEach-Object {} }
    [pscustomobject]@{ FloorCpu = $floor.Cpu; PointsCpu = $points.Cpu; FloorWall = $floor.Wall; PointsWall = $points.Wall
                       Ratio = $points.Cpu / $floor.Cpu }
}
$ratios = @($rows.Ratio | Sort-Object)
[ordered]@{
    objects = $Count; rounds = $Rounds; pwsh = $PSVersionTable.PSVersion.ToString()
    ratio_median = $ratios[[int][math]::Floor($ratios.Count / 2)]; ratio_min = $ratios[0]
    floor_cpu_s = @($rows.FloorCpu); get_activation_cpu_s = @($rows.PointsCpu)
    floor_wall_s = @($rows.FloorWall); get_activation_wall_s = @($rows.PointsWall)
} | ConvertTo-Json | Tee-Object -FilePath $Out
