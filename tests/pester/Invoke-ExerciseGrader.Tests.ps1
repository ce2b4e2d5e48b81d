# Invoke-ExerciseGrader: grading the course kit's exercises. Grading builds code, so those specs are tagged Slow:
#     Invoke-Pester ./tests/pester -ExcludeTagFilter Slow    # the quick ones only

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $CourseRoot = Join-Path $PSScriptRoot '../..'
}

Describe 'Invoke-ExerciseGrader' {
    Context 'errors' {
        It 'reports a wildcard that matches no folder' {
            { Invoke-ExerciseGrader -Path (Join-Path $TestDrive 'nobody-*') -CourseRoot $CourseRoot -ErrorAction Stop } |
                Should-Throw -FullyQualifiedErrorId 'InvokeExerciseGraderPathNotFound,VanishingGradients.PowerShell.InvokeExerciseGraderCommand'
        }

        It 'reports a file given instead of a submission folder' {
            $file = Join-Path $TestDrive 'Ex01_DataGrid.cs'
            Set-Content -LiteralPath $file -Value '// not a folder'
            { Invoke-ExerciseGrader -Path $file -CourseRoot $CourseRoot -ErrorAction Stop } |
                Should-Throw -FullyQualifiedErrorId 'InvokeExerciseGraderNotAFolder,VanishingGradients.PowerShell.InvokeExerciseGraderCommand'
        }

        It 'stops when the course root holds no graders' {
            { Invoke-ExerciseGrader -Path $TestDrive -CourseRoot $TestDrive } |
                Should-Throw -FullyQualifiedErrorId 'InvokeExerciseGraderCourseNotFound,VanishingGradients.PowerShell.InvokeExerciseGraderCommand'
        }

        It 'rejects a timeout of zero' {
            { Invoke-ExerciseGrader -Path $TestDrive -TimeoutSeconds 0 } |
                Should-Throw -FullyQualifiedErrorId 'ParameterArgumentValidationError,VanishingGradients.PowerShell.InvokeExerciseGraderCommand'
        }
    }

    Context 'grading submissions' -Tag 'Slow' {
        BeforeAll {
            # An untouched copy of the stubs: every exercise still throws NotImplementedException.
            $submissions = Join-Path $TestDrive 'submissions'
            $untouched = New-Item -ItemType Directory -Path (Join-Path $submissions 'untouched')
            Get-ChildItem -LiteralPath (Join-Path $CourseRoot 'exercises') -Exclude bin, obj |
                Copy-Item -Destination $untouched.FullName -Recurse
            $rows = Get-ChildItem -LiteralPath $submissions -Directory | Invoke-ExerciseGrader -CourseRoot $CourseRoot -TimeoutSeconds 30
        }

        It 'writes one row per exercise' {
            $rows.Count | Should-Be 14
            $rows[0] | Should-HaveType ([VanishingGradients.Grading.ExerciseResult])
            $rows.Student | Sort-Object -Unique | Should-Be 'untouched'
        }

        It 'gives no points for stubs' {
            ($rows | Measure-Object Points -Sum).Sum | Should-Be 0
            $rows.Status | Sort-Object -Unique | Should-Be 'NotImplemented'
        }

        It 'exports a gradebook' {
            $path = Join-Path $TestDrive 'gradebook.csv'
            $rows | Export-Csv -LiteralPath $path
            $back = Import-Csv -LiteralPath $path
            $back.Count | Should-Be $rows.Count
            foreach ($column in 'Student', 'Exercise', 'Title', 'Points', 'MaxPoints', 'Status', 'Message') {
                $back[0].PSObject.Properties.Name | Should-ContainCollection $column
                # Export-Csv writes each value's ToString(), numbers in the current culture.
                $back.$column | Should -Be ($rows.$column | ForEach-Object { [string]::Format([cultureinfo]::CurrentCulture, '{0}', $_) })
            }
        }
    }

    Context 'the reference solutions' -Tag 'Slow' {
        It 'pass every exercise' {
            $rows = Invoke-ExerciseGrader -Solutions -CourseRoot $CourseRoot -TimeoutSeconds 30
            $rows.Count | Should-Be 14
            $rows | Where-Object { $_.MaxPoints -le 0 -or $_.Points -ne $_.MaxPoints } |
                ForEach-Object { '{0}: {1} of {2} points, {3}' -f $_.Exercise, $_.Points, $_.MaxPoints, $_.Message } |
                Should-BeCollection -Count 0 -Because 'the reference solutions earn every point'
        }
    }
}
