# The chart renderer (ScottPlot, SkiaSharp, HarfBuzzSharp and their native libraries) and the core's MathNet.Numerics
# load in a load context of the module's own, so a session that already uses another SkiaSharp or MathNet, as another
# module may, still runs the module on the versions it was built and tested with.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'NuGet.ps1')

    function Invoke-FreshPwsh([string] $Script) {
        # A new process, since an assembly loaded into the default context stays for the session. The pwsh of the
        # tool manifest runs as dotnet + pwsh.dll.
        $pwsh = [System.Environment]::ProcessPath
        $prefix = @(if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        $output = & $pwsh @prefix -NoProfile -NonInteractive -Command $Script 2>&1
        if ($LASTEXITCODE -ne 0) { throw "pwsh exited with $LASTEXITCODE`n$($output -join "`n")" }
        $output -join "`n" | ConvertFrom-Json
    }
}

Describe 'Dependency isolation' {
    BeforeAll {
        # SkiaSharp 2.88.9, older than the module's, with its Linux native library beside it (where the default
        # context's DllImport looks), copied to a folder of its own as another module would ship it.
        $other = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'other-module')
        $skia = Get-NuGetPackageFolder SkiaSharp 2.88.9
        Copy-Item -LiteralPath (Join-Path $skia 'lib/net6.0/SkiaSharp.dll') -Destination $other.FullName
        $rid = 'linux-' + [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()
        $native = Join-Path (Get-NuGetPackageFolder SkiaSharp.NativeAssets.Linux.NoDependencies 2.88.9) "runtimes/$rid/native/libSkiaSharp.so"
        $useNative = $IsLinux -and (Test-Path -LiteralPath $native)
        if ($useNative) { Copy-Item -LiteralPath $native -Destination $other.FullName }
        $mathNet = Join-Path (Get-NuGetPackageFolder MathNet.Numerics 4.15.0) 'lib/netstandard2.0/MathNet.Numerics.dll'

        $chart = Join-Path $TestDrive 'after-other-skia.png'
        $report = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Add-Type -LiteralPath '$(Join-Path $other.FullName 'SkiaSharp.dll')'
Add-Type -LiteralPath '$mathNet'
if (`$$useNative) { `$bitmap = [SkiaSharp.SKBitmap]::new(16, 16); `$bitmap.Erase([SkiaSharp.SKColors]::Red); `$bitmap.Dispose() }
Import-Module '$ModuleManifest'
`$file = Get-Activation -Name Sigmoid, Tanh -Count 50 | Export-GradientChart -Path '$chart' -PassThru
`$gelu = Get-Activation -Name GELU -Input 1
function Get-Loaded([string] `$Name) {
    @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq `$Name } | ForEach-Object {
        @{ Version = `$_.GetName().Version.ToString(); Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name } })
}
@{ Length = `$file.Length; Gelu = `$gelu.Value; Skia = Get-Loaded SkiaSharp; MathNet = Get-Loaded MathNet.Numerics } | ConvertTo-Json -Depth 3 -Compress
"@
    }

    It 'draws the chart after another SkiaSharp was loaded and used' {
        $report.Length | Should-BeGreaterThan 10KB
        Get-Content -LiteralPath $chart -AsByteStream -TotalCount 4 | Should -Be @(0x89, 0x50, 0x4E, 0x47)
    }

    It 'keeps the session''s SkiaSharp and its own side by side' {
        $report.Skia | Should-BeCollection -Count 2
        ($report.Skia | Where-Object Context -EQ 'Default').Version | Should-Be '2.88.0.0'
        ($report.Skia | Where-Object Context -EQ 'VanishingGradients').Version | Should-BeLikeString '3.*'
    }

    It 'computes with its own MathNet.Numerics after another was loaded' {
        # GELU(1) = 1 * Phi(1), the normal CDF at 1.
        $report.Gelu | Should-BeGreaterThan 0.8413447460685
        $report.Gelu | Should-BeLessThan 0.8413447460686
        $report.MathNet | Should-BeCollection -Count 2
        ($report.MathNet | Where-Object Context -EQ 'Default').Version | Should-Be '4.15.0.0'
        ($report.MathNet | Where-Object Context -EQ 'VanishingGradients').Version | Should-Be '5.0.0.0'
    }
}
